//! Identifiers, ARNs and URLs in the formats AWS uses.

use studio_admin_model::{AppType, WireEnum};

/// Random lowercase letters and digits.
fn lower_alphanumeric(len: usize) -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..len)
        .map(|_| char::from(CHARS[fastrand::usize(..CHARS.len())]))
        .collect()
}

/// Random lowercase hexadecimal digits.
fn hex(len: usize) -> String {
    (0..len)
        .map(|_| char::from_digit(fastrand::u32(..16), 16).unwrap_or('0'))
        .collect()
}

/// A new domain id: `d-` and 12 lowercase letters and digits (`d-xkd8h2m4q9zt`).
pub(crate) fn domain_id() -> String {
    format!("d-{}", lower_alphanumeric(12))
}

/// A request id in the UUID form of `x-amzn-RequestId`.
pub(crate) fn request_id() -> String {
    format!(
        "{}-{}-4{}-{}{}-{}",
        hex(8),
        hex(4),
        hex(3),
        ["8", "9", "a", "b"][fastrand::usize(..4)],
        hex(3),
        hex(12)
    )
}

/// An EFS file system id (`fs-` and 17 hex digits).
pub(crate) fn efs_id() -> String {
    format!("fs-{}", hex(17))
}

/// A security group id (`sg-` and 17 hex digits).
pub(crate) fn security_group_id() -> String {
    format!("sg-{}", hex(17))
}

/// A POSIX uid for a home directory on the domain's EFS volume (AWS starts at 200000).
pub(crate) fn efs_uid() -> String {
    (200_000 + fastrand::u32(..800_000)).to_string()
}

/// How ARNs of one emulated account and region are spelled.
#[derive(Debug, Clone)]
pub(crate) struct Arns {
    /// `arn:aws:sagemaker:<region>:<account>:`
    prefix: String,
    region: String,
    account_id: String,
}

impl Arns {
    pub(crate) fn new(region: &str, account_id: &str) -> Self {
        Self {
            prefix: format!("arn:aws:sagemaker:{region}:{account_id}:"),
            region: region.to_owned(),
            account_id: account_id.to_owned(),
        }
    }

    pub(crate) fn region(&self) -> &str {
        &self.region
    }

    /// `arn:aws:sagemaker:<region>:<account>:domain/<domain-id>`
    pub(crate) fn domain(&self, domain_id: &str) -> String {
        format!("{}domain/{domain_id}", self.prefix)
    }

    /// `arn:aws:sagemaker:<region>:<account>:user-profile/<domain-id>/<name>`
    pub(crate) fn user_profile(&self, domain_id: &str, name: &str) -> String {
        format!("{}user-profile/{domain_id}/{name}", self.prefix)
    }

    /// `arn:aws:sagemaker:<region>:<account>:space/<domain-id>/<name>`
    pub(crate) fn space(&self, domain_id: &str, name: &str) -> String {
        format!("{}space/{domain_id}/{name}", self.prefix)
    }

    /// `arn:aws:sagemaker:<region>:<account>:app/<domain-id>/<owner>/<type>/<name>`, the
    /// owner being the user profile or the space, the type in lowercase.
    pub(crate) fn app(
        &self,
        domain_id: &str,
        owner: &str,
        app_type: &AppType,
        name: &str,
    ) -> String {
        format!(
            "{}app/{domain_id}/{owner}/{}/{name}",
            self.prefix,
            app_type.as_str().to_ascii_lowercase()
        )
    }

    /// The Studio URL of a domain: `https://<domain-id>.studio.<region>.sagemaker.aws`.
    pub(crate) fn studio_url(&self, domain_id: &str) -> String {
        format!("https://{domain_id}.studio.{}.sagemaker.aws", self.region)
    }

    /// The IAM Identity Center application of an SSO-mode domain.
    pub(crate) fn sso_application(&self) -> String {
        format!(
            "arn:aws:sso::{}:application/ssoins-{}/apl-{}",
            self.account_id,
            hex(16),
            hex(16)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use studio_admin_model::rules;

    #[test]
    fn domain_ids_have_the_aws_form() {
        for _ in 0..100 {
            let id = domain_id();
            assert_eq!(id.len(), 14);
            assert!(id.starts_with("d-"));
            assert!(
                id[2..]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            );
            assert!(rules::PATTERN_DOMAIN_ID.matches(&id));
        }
    }

    #[test]
    fn arns_match_the_model_patterns() {
        let arns = Arns::new("eu-west-1", "123456789012");
        assert!(rules::PATTERN_USER_PROFILE_ARN.matches(&arns.user_profile("d-abc", "alice")));
        assert!(rules::PATTERN_DOMAIN_ARN.matches(&arns.domain("d-abc")));
        assert!(rules::PATTERN_SPACE_ARN.matches(&arns.space("d-abc", "lab")));
        assert!(rules::PATTERN_APP_ARN.matches(&arns.app(
            "d-abc",
            "alice",
            &AppType::JupyterLab,
            "default"
        )));
        assert_eq!(
            arns.user_profile("d-abc", "alice"),
            "arn:aws:sagemaker:eu-west-1:123456789012:user-profile/d-abc/alice"
        );
    }

    #[test]
    fn request_ids_look_like_uuids() {
        let id = request_id();
        let parts: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12]);
    }
}
