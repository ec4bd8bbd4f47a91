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
    uuid()
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

/// A UUID in its lowercase text form (version 4 layout).
pub(crate) fn uuid() -> String {
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

/// A new IAM Identity Center instance id: `ssoins-` and 16 hex digits.
pub(crate) fn sso_instance_id() -> String {
    format!("ssoins-{}", hex(16))
}

/// A new Identity Store id: `d-` and 10 hex digits (`d-9067a6c1f4`).
pub(crate) fn identity_store_id() -> String {
    format!("d-{}", hex(10))
}

/// A new id of a user, group or membership in the identity store `store_id`: the store's
/// ten hex digits, a dash and a UUID, as Identity Center forms them.
pub(crate) fn directory_id(store_id: &str) -> String {
    format!("{}-{}", store_id.trim_start_matches("d-"), uuid())
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

    /// A new IAM Identity Center application in the instance `instance_id` (the one an
    /// SSO-mode domain gets): `arn:aws:sso::<account>:application/<instance>/apl-<16 hex>`.
    pub(crate) fn sso_application(&self, instance_id: &str) -> String {
        format!(
            "arn:aws:sso::{}:application/{instance_id}/apl-{}",
            self.account_id,
            hex(16)
        )
    }

    /// `arn:aws:sso:::instance/<instance id>` (instance ARNs name no account).
    pub(crate) fn sso_instance(&self, instance_id: &str) -> String {
        format!("arn:aws:sso:::instance/{instance_id}")
    }

    /// `arn:aws:identitystore::<account>:identitystore/<store id>`
    pub(crate) fn identity_store(&self, store_id: &str) -> String {
        format!(
            "arn:aws:identitystore::{}:identitystore/{store_id}",
            self.account_id
        )
    }

    /// `arn:aws:identitystore:::<kind>/<id>` for a `user`, `group` or `membership`.
    pub(crate) fn directory_entry(&self, kind: &str, id: &str) -> String {
        format!("arn:aws:identitystore:::{kind}/{id}")
    }

    /// The account id.
    pub(crate) fn account_id(&self) -> &str {
        &self.account_id
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
    fn identity_center_ids_and_arns_match_their_models_patterns() {
        use studio_admin_model::{identitystore, sso_admin};
        let arns = Arns::new("eu-west-1", "123456789012");
        let instance = sso_instance_id();
        let store = identity_store_id();
        let user = directory_id(&store);
        let cases = [
            (
                &sso_admin::rules::INSTANCE_ARN,
                arns.sso_instance(&instance),
            ),
            (
                &sso_admin::rules::APPLICATION_ARN,
                arns.sso_application(&instance),
            ),
            (
                &sso_admin::rules::INSTANCE_IDENTITY_STORE_ARN,
                arns.identity_store(&store),
            ),
            (&identitystore::rules::IDENTITY_STORE_ID, store.clone()),
            (&identitystore::rules::RESOURCE_ID, user.clone()),
            (&sso_admin::rules::PRINCIPAL_ID, user.clone()),
            (
                &identitystore::rules::RESOURCE_ARN,
                arns.directory_entry("user", &user),
            ),
        ];
        for (rule, value) in cases {
            let pattern = rule.pattern.unwrap();
            assert!(pattern.matches(&value), "{value} against {}", rule.shape);
        }
    }

    #[test]
    fn request_ids_look_like_uuids() {
        let id = request_id();
        let parts: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12]);
    }
}
