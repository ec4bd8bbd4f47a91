//! Values known to match, and known not to match, every pattern of the vendored model,
//! decided by hand with Java's `Pattern.matches` semantics (the service's): `\d`, `\w`,
//! `\s` are ASCII only, `.` stops at line terminators (`\n`, `\r`, U+0085, U+2028,
//! U+2029), a negated class like `[^/]` does match them, `\p{L}` is any Unicode letter,
//! and the whole value must match.
//!
//! The conformance test fails when a model (SageMaker's, Identity Store's or SSO Admin's)
//! has a pattern this table lacks, so a model update forces someone to think up samples
//! for the new pattern.

/// Samples for one pattern of the model.
pub struct Samples {
    /// The pattern exactly as the model writes it.
    pub pattern: &'static str,
    /// Values the service accepts; the first is the typical one (used to fill requests).
    pub matching: &'static [&'static str],
    /// Values the service refuses.
    pub not_matching: &'static [&'static str],
    /// With `filler`, builds a matching value of a given length (see [`Samples::of_len`]).
    pub prefix: &'static str,
    /// Repeated after `prefix` to reach a length; a letter the pattern accepts there.
    pub filler: char,
}

impl Samples {
    /// A value of exactly `len` characters: the value of [`EXACT`] with that length if
    /// there is one; otherwise `prefix`, `filler`s, and the pattern's suffix in [`PADDED`]
    /// (or a cut of prefix and suffix, when `len` is shorter than both).
    /// It matches the pattern whenever the pattern allows that length after the prefix
    /// (and before the suffix).
    pub fn of_len(&self, len: usize) -> String {
        if let Some((_, value)) = EXACT
            .iter()
            .find(|(p, v)| *p == self.pattern && v.chars().count() == len)
        {
            return (*value).to_owned();
        }
        let suffix = self.suffix();
        let fixed = self.prefix.chars().count() + suffix.chars().count();
        if len < fixed {
            return self
                .prefix
                .chars()
                .chain(suffix.chars())
                .take(len)
                .collect();
        }
        format!(
            "{}{}{suffix}",
            self.prefix,
            self.filler.to_string().repeat(len - fixed)
        )
    }

    /// What [`Samples::of_len`] puts after the fillers.
    pub fn suffix(&self) -> &'static str {
        PADDED
            .iter()
            .find(|(p, _)| *p == self.pattern)
            .map_or("", |(_, suffix)| suffix)
    }

    /// Whether [`Samples::of_len`] builds a matching value of `len` characters: from an
    /// [`EXACT`] value, or by padding (not shorter than prefix and suffix, not longer than
    /// the pattern allows, see [`LONGEST`]).
    pub fn builds_matching(&self, len: usize) -> bool {
        let exact = EXACT
            .iter()
            .any(|(p, v)| *p == self.pattern && v.chars().count() == len);
        let fixed = self.prefix.chars().count() + self.suffix().chars().count();
        let longest = LONGEST
            .iter()
            .find(|(p, _)| *p == self.pattern)
            .map_or(usize::MAX, |(_, n)| *n);
        exact || (len >= fixed && len > 0 && len <= longest)
    }
}

/// Patterns whose values end in a fixed part, so lengths are reached by padding before it:
/// (pattern, suffix).
pub const PADDED: &[(&str, &str)] = &[
    (
        r"(arn:aws[a-z-]*:identitystore::\d{12}:identitystore/)?(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
        ":identitystore::123456789012:identitystore/d-9067a6c1f4",
    ),
    (
        r"arn:aws[a-z-]*:identitystore:::(user|group|membership)/([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
        ":identitystore:::user/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
    ),
    (
        r"(arn:aws[a-z-]*:identitystore:::(user|group|membership)/)?([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
        ":identitystore:::user/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
    ),
    (
        r"arn:aws(-[a-z]{1,5}){0,3}:kms:([a-z]{2,}(-[a-z0-9]+)+){1}:[0-9]{12}:key/(mrk-[a-f0-9]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
        "-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef",
    ),
    (r"([a-z]+-){2,3}\d", "-1"),
    (
        r"arn:aws(-[a-z]{1,5}){0,3}:ec2:[a-z0-9-]+:[0-9]{12}:vpc/vpc-([0-9a-f]){8}(([0-9a-f]){9})?",
        ":123456789012:vpc/vpc-0a1b2c3d4e5f67890",
    ),
];

/// Values of a particular length that padding cannot build: (pattern, value).
pub const EXACT: &[(&str, &str)] = &[
    // 93 characters, an identity store's longest ARN: partitions add the missing length.
    (
        r"arn:aws(-[a-z]{1,5}){0,3}:identitystore::\d{12}:identitystore/(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
        "arn:aws-a-abcd:identitystore::123456789012:identitystore/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
    ),
    (
        r"arn:aws(-[a-z]{1,5}){0,3}:identitystore::\d{12}:identitystore/(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
        "arn:aws:identitystore::123456789012:identitystore/d-9067a6c1f4",
    ),
    // The longest application and instance ARNs (three partition parts of five letters).
    (
        r"arn:aws(-[a-z]{1,5}){0,3}:sso::\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16}",
        "arn:aws-abcde-fghij-klmno:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef",
    ),
    (
        r"arn:aws(-[a-z]{1,5}){0,3}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}",
        "arn:aws-abcde-fghij-klmno:sso:::instance/ssoins-1234567890abcdef",
    ),
    // An address block's shortest (2) and longest (43) forms.
    (IP_CIDR, "::"),
    (IP_CIDR, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"),
    (
        r"arn:aws(-[a-z]{1,5}){0,3}:ec2:[a-z0-9-]+:[0-9]{12}:vpc/vpc-([0-9a-f]){8}(([0-9a-f]){9})?",
        "arn:aws:ec2:a:123456789012:vpc/vpc-01234567",
    ),
];

/// Patterns that accept nothing longer than a length some shape allows: (pattern, the
/// longest value's length). Lengths beyond are refused by the pattern whatever the value.
pub const LONGEST: &[(&str, usize)] = &[
    (r"aws:identitystore:[a-z]{1,20}", 38),
    (
        r"arn:aws(-[a-z]{1,5}){0,3}:sso::\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16}",
        100,
    ),
    (
        r"arn:aws(-[a-z]{1,5}){0,3}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}",
        64,
    ),
];

/// Patterns every value matches (Java's `[\S\s]`: a character and its complement), which
/// therefore have no non-matching sample.
pub const ACCEPTS_EVERYTHING: &[&str] = &[r"[\S\s]*"];

/// SSO Admin's address-block pattern (IPv4 or IPv6, with an optional prefix length).
const IP_CIDR: &str = r"((([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])(\/(3[0-2]|[1-2][0-9]|[0-9]))?|(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:(:[0-9a-fA-F]{1,4}){1,6}|:((:[0-9a-fA-F]{1,4}){1,7}|:))(\/(12[0-8]|1[0-1][0-9]|[1-9][0-9]|[0-9]))?)";

/// A user id of Identity Store (a UUID).
const UUID: &str = "8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b";

/// The samples for `pattern`, if the table has them.
pub fn for_pattern(pattern: &str) -> Option<&'static Samples> {
    SAMPLES.iter().find(|s| s.pattern == pattern)
}

const ARN_DIGITS_ARABIC: &str = "arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/Analyst";

/// Every pattern of the vendored model, with samples.
pub const SAMPLES: &[Samples] = &[
    Samples {
        pattern: r"(0|[1-9]\d*)\.(0|[1-9]\d*)",
        matching: &["2.1", "0.0", "10.25"],
        not_matching: &["01.1", "2", "2.1.0", "2x1", "١.٢", "2.1\n", ""],
        prefix: "1.1",
        filler: '1',
    },
    Samples {
        pattern: r"(?!\s*$).+",
        // Java's \s is ASCII only: a no-break space is not blank.
        matching: &["a", " x ", "\tx", "日本", "\u{a0}", "a\u{b}"],
        not_matching: &[
            "",
            "   ",
            "\t",
            " \u{b}\u{c} ",
            "a\nb",
            "x\r",
            "a\u{85}",
            "\u{2028}",
        ],
        prefix: "a",
        filler: 'b',
    },
    Samples {
        pattern: r"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)",
        // U+2028 is a separator (\p{Z}); the class accepts it even though `.` would not.
        matching: &[
            "team",
            "",
            "Cost Center",
            "é",
            "日本",
            "١٢٣",
            "a_b.c:d/e=f+g-h@i",
            "\u{2028}",
        ],
        not_matching: &["a,b", "a#b", "tab\tx", "a*b", "😀", "a\nb", "x!"],
        prefix: "",
        filler: 'é',
    },
    Samples {
        pattern: r"(^\d+$)|(^\d+.\d+$)|(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$)",
        // The unescaped `.` in the second alternative accepts any separator but a line
        // terminator ("1x2").
        matching: &[
            "2.1.0",
            "1",
            "42",
            "1.2",
            "1x2",
            "1.2.3-beta.1",
            "1.2.3+build.5",
            "0.0.0-0",
        ],
        not_matching: &[
            "", "v1", "1.", "01.2.3", "1.2.3.4", "١.٢", "1\n2", "1.2.3-", "1.2\n",
        ],
        prefix: "",
        filler: '1',
    },
    Samples {
        pattern: r"(arn:aws(-[\w]+)*:sagemaker:.+:[0-9]{12}:image-version/[a-z0-9]([-.]?[a-z0-9])*/[0-9]+|None)",
        matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:image-version/team-image/3",
            "None",
            "arn:aws-cn:sagemaker:cn-north-1:123456789012:image-version/img.v2/10",
        ],
        // \w is ASCII only: "-é" is no partition suffix.
        not_matching: &[
            "none",
            "arn:aws:sagemaker:us-east-1:123456789012:image-version/Team-Image/3",
            "arn:aws:sagemaker:us-east-1:123456789012:image-version/img/",
            "arn:aws:sagemaker:us-east-1:12345:image-version/img/1",
            "arn:aws:sagemaker:us\neast:123456789012:image-version/img/1",
            "arn:aws-é:sagemaker:us-east-1:123456789012:image-version/img/1",
        ],
        prefix: "arn:aws:sagemaker:us-east-1:123456789012:image-version/img/1",
        filler: '0',
    },
    Samples {
        pattern: r"(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:studio-lifecycle-config/.*|None)",
        matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/install-tools",
            "None",
            "arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:studio-lifecycle-config/x",
            "arn:aws:sagemaker::123456789012:studio-lifecycle-config/",
        ],
        not_matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/a\nb",
            "arn:aws:sagemaker:US-EAST-1:123456789012:studio-lifecycle-config/x",
            "arn:aws:sagemaker:us-east-1:123456789012:lifecycle-config/x",
            "NONE",
            "",
        ],
        prefix: "arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/",
        filler: 'x',
    },
    Samples {
        pattern: r"(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:training-plan/.*|None)",
        matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:training-plan/gpu-week",
            "None",
        ],
        not_matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:training-plan/a\u{2029}b",
            "arn:aws:sagemaker:us-east-1:123456789012:trainingplan/x",
            "",
        ],
        prefix: "arn:aws:sagemaker:us-east-1:123456789012:training-plan/",
        filler: 'p',
    },
    Samples {
        pattern: r"(fs-[0-9a-f]{8,})",
        matching: &["fs-0123456789abcdef0", "fs-0123abcd"],
        not_matching: &["fs-0123abc", "fs-0123ABCD", "fs0123abcd", "fs-٠١٢٣٤٥٦٧", ""],
        prefix: "fs-",
        filler: '0',
    },
    Samples {
        pattern: r"(https|s3)://([^/]+)/?(.*)",
        // [^/] also accepts a line break; only the trailing `.*` refuses one.
        matching: &[
            "s3://team-bucket/output/",
            "s3://bucket",
            "https://example.com/output",
            "s3://bu\ncket",
        ],
        not_matching: &[
            "S3://bucket",
            "s3:///key",
            "s3://bucket/a\nb",
            "ftp://bucket",
            "",
        ],
        prefix: "s3://bucket/",
        filler: 'k',
    },
    Samples {
        pattern: r"(s3)://([^/]+)/?(.*)",
        matching: &["s3://team-bucket/shared/", "s3://b"],
        not_matching: &["https://example.com/data", "s3://", "s3://b/\r", ""],
        prefix: "s3://bucket/",
        filler: 'k',
    },
    Samples {
        pattern: r".*",
        matching: &["token", "", "é", " "],
        not_matching: &["a\nb", "a\r", "\u{2029}", "\u{85}"],
        prefix: "",
        filler: 't',
    },
    Samples {
        pattern: r"UserName",
        matching: &["UserName"],
        not_matching: &["username", "Email", "UserName ", "", "UserNameX"],
        prefix: "UserName",
        filler: 'x',
    },
    Samples {
        pattern: r"[-0-9a-zA-Z]+",
        matching: &["sg-0123456789abcdef0", "-", "ABC"],
        not_matching: &["", "sg_01", "sg 01", "sg-０", "sg-é"],
        prefix: "sg-",
        filler: 'a',
    },
    Samples {
        pattern: r"[a-zA-Z0-9:/_-]*",
        matching: &[
            "alias/team-key",
            "",
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ],
        not_matching: &["alias/my key", "key.1", "clé"],
        prefix: "alias/",
        filler: 'k',
    },
    Samples {
        pattern: r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
        matching: &[
            "alice",
            "a",
            "data--science-01",
            "A1",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk",
        ],
        // The last one has 64 letters and digits: one more than {0,62} allows.
        not_matching: &[
            "",
            "-alice",
            "alice-",
            "al_ice",
            "alïce",
            "a.b",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl",
        ],
        prefix: "a",
        filler: 'b',
    },
    Samples {
        pattern: r"[a-zA-Z0-9]([-.]?[a-zA-Z0-9]){0,62}",
        matching: &["team-image", "img.v2", "a", "a-b.c"],
        not_matching: &["my--image", "my-.image", "-img", "img.", "img_1", ""],
        prefix: "a",
        filler: 'b',
    },
    Samples {
        pattern: r"[a-zA-Z0-9_-]{1,36}",
        matching: &["project_01-x", "a"],
        not_matching: &["", "abcdefghijklmnopqrstuvwxyz0123456789x", "a.b"],
        prefix: "p",
        filler: 'q',
    },
    Samples {
        pattern: r"\/\S*",
        // \S is "not ASCII blank": a no-break space or U+2028 is fine.
        matching: &[
            "/team",
            "/",
            "/home/sagemaker-user",
            "/é",
            "/a\u{a0}b",
            "/a\u{2028}b",
        ],
        not_matching: &["", "home", "/a b", "/a\tb", "/a\nb"],
        prefix: "/",
        filler: 'd',
    },
    Samples {
        pattern: r"\d+",
        matching: &["123456789012", "0"],
        not_matching: &["", "١٢٣", "12a", "１２", "1 2"],
        prefix: "",
        filler: '7',
    },
    Samples {
        pattern: r"arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso::[0-9]+:application\/[a-zA-Z0-9-_.]+\/apl-[a-zA-Z0-9]+",
        matching: &[
            "arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef",
            "arn:aws-iso-b:sso::1:application/a-_.b/apl-x",
        ],
        not_matching: &[
            "arn:aws:sso::123456789012:application/ssoins-1/apl-",
            "arn:aws-eu:sso::1:application/x/apl-1",
            "arn:aws:sso::123456789012:application//apl-1",
        ],
        prefix: "arn:aws:sso::123456789012:application/ssoins-1/apl-",
        filler: 'a',
    },
    Samples {
        pattern: r"arn:[-.a-z0-9]{1,63}:codewhisperer:([-.a-z0-9]{0,63}:){2}([a-zA-Z0-9-_:/]){1,1023}",
        matching: &[
            "arn:aws:codewhisperer:us-east-1:123456789012:profile/ABC123",
            "arn:a:codewhisperer:::x",
        ],
        not_matching: &[
            "arn:aws:codewhisperer:us-east-1:123456789012:",
            "arn:AWS:codewhisperer:us-east-1:1:profile/x",
            "arn:aws:codewhisperer:us-east-1:profile/x",
        ],
        prefix: "arn:aws:codewhisperer:us-east-1:123456789012:profile/",
        filler: 'P',
    },
    Samples {
        pattern: r"arn:aws(-[\w]+)*:sagemaker:.+:[0-9]{12}:image/[a-zA-Z0-9]([-.]?[a-zA-Z0-9])*",
        matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:image/team-image",
            "arn:aws-cn:sagemaker:cn-north-1:123456789012:image/img.v2",
            "arn:aws-us_gov:sagemaker:x:123456789012:image/A",
        ],
        not_matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:image/-img",
            "arn:aws:sagemaker::123456789012:image/img",
            "arn:aws:sagemaker:us-east-1:123456789012:image/my_image",
            "arn:aws:sagemaker:us-east-1:123456789012:image/img\n",
        ],
        prefix: "arn:aws:sagemaker:us-east-1:123456789012:image/a",
        filler: 'b',
    },
    Samples {
        pattern: r"arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+",
        // The slash after "role" is optional and the name may hold slashes: "roleX" and
        // "role/" are both accepted.
        matching: &[
            "arn:aws:iam::123456789012:role/SageMakerExecution",
            "arn:aws-us-gov:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000",
            "arn:aws:iam::123456789012:roleX",
            "arn:aws:iam::123456789012:role/",
        ],
        not_matching: &[
            "arn:aws:iam::123456789012:user/alice",
            "arn:aws:iam::12345678901:role/x",
            ARN_DIGITS_ARABIC,
            "arn:aws:iam::123456789012:role/a b",
            "arn:aws:iam::123456789012:role",
        ],
        prefix: "arn:aws:iam::123456789012:role/",
        filler: 'r',
    },
    Samples {
        pattern: r"arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:app/.*",
        matching: &["arn:aws:sagemaker:us-east-1:123456789012:app/d-abc/alice/JupyterLab/default"],
        not_matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:app/a\nb",
            "arn:aws:sagemaker:us-east-1:123456789012:space/x",
        ],
        prefix: "arn:aws:sagemaker:us-east-1:123456789012:app/",
        filler: 'a',
    },
    Samples {
        pattern: r"arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:domain/.*",
        matching: &["arn:aws:sagemaker:us-east-1:123456789012:domain/d-abc123"],
        not_matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:domain/d\r",
            "arn:aws:sagemaker:us-east-1:1234567890123:domain/d",
        ],
        prefix: "arn:aws:sagemaker:us-east-1:123456789012:domain/",
        filler: 'd',
    },
    Samples {
        pattern: r"arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:space/.*",
        matching: &["arn:aws:sagemaker:us-east-1:123456789012:space/d-abc123/shared"],
        not_matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:spaces/x",
            "arn:aws:sagemaker:us_east_1:123456789012:space/x",
        ],
        prefix: "arn:aws:sagemaker:us-east-1:123456789012:space/",
        filler: 's',
    },
    Samples {
        pattern: r"arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:user-profile/.*",
        matching: &["arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-abc123/alice"],
        not_matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:user-profile/a\u{2028}",
            "arn:aws:sagemaker:us-east-1:123456789012:userprofile/x",
        ],
        prefix: "arn:aws:sagemaker:us-east-1:123456789012:user-profile/",
        filler: 'u',
    },
    Samples {
        pattern: r"arn:aws[a-z\-]*:secretsmanager:[a-z0-9\-]*:[0-9]{12}:secret:.*",
        matching: &["arn:aws:secretsmanager:us-east-1:123456789012:secret:snowflake-AbCdEf"],
        not_matching: &[
            "arn:aws:secretsmanager:us-east-1:123456789012:key:x",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:a\nb",
            "",
        ],
        prefix: "arn:aws:secretsmanager:us-east-1:123456789012:secret:",
        filler: 's',
    },
    Samples {
        pattern: r"d-(-*[a-z0-9]){1,61}",
        // The last one has 62 letters after "d-": one more than {1,61} allows.
        matching: &[
            "d-abcdef123456",
            "d-a",
            "d--a",
            "d-abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghi",
        ],
        not_matching: &[
            "d-",
            "d-ABC",
            "D-abc",
            "d-abc-",
            "d-abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij",
        ],
        prefix: "d-",
        filler: 'a',
    },
    Samples {
        pattern: r"dzd[-_][a-zA-Z0-9_-]{1,36}",
        matching: &["dzd_abc123", "dzd-x"],
        not_matching: &[
            "dzd_",
            "dzd.abc",
            "dzd_abcdefghijklmnopqrstuvwxyz0123456789x",
        ],
        prefix: "dzd_",
        filler: 'a',
    },
    Samples {
        pattern: r"https://([.\-_a-zA-Z0-9]+/?){3,1016}",
        // Each repetition takes at least one character: three are needed after "https://".
        matching: &[
            "https://git.example.com/team/repo.git",
            "https://abc",
            "https://a/b/c/",
        ],
        not_matching: &[
            "https://ab",
            "https://a/b/",
            "http://git.example.com/repo",
            "https://git.example.com//repo",
            "https://git.example.com/repo?x=1",
            "https:///abc",
        ],
        prefix: "https://",
        filler: 'g',
    },
    // --- SageMaker's tag operations ----------------------------------------------------
    Samples {
        pattern: r"arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+",
        matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-abc123def456/alice",
            "arn:aws-cn:sagemaker:cn-north-1:123456789012:domain/d-x",
            "arn:aws:sagemaker::123456789012:x",
            "arn:aws:sagemaker:us-east-1:123456789012:tab\there",
        ],
        not_matching: &[
            "arn:aws:sagemaker:us-east-1:123456789012:",
            "arn:aws:iam::123456789012:role/x",
            "arn:aws:sagemaker:us-east-1:12345678901:x",
            "arn:aws:sagemaker:us-east-1:123456789012:a\nb",
            "arn:aws:sagemaker:US-EAST-1:123456789012:x",
            "arn:aws:sagemaker:us-east-1:١٢٣٤٥٦٧٨٩٠١٢:x",
            "",
        ],
        prefix: "arn:aws:sagemaker:us-east-1:123456789012:u",
        filler: 'x',
    },
    // --- Identity Store ----------------------------------------------------------------
    Samples {
        pattern: r"(?:\p{L}+:\p{L}+:\p{L}+(?:\.\p{L}+){0,3}|\p{L}+(?:\.\p{L}+){0,2})",
        matching: &[
            "userName",
            "name.familyName",
            "a.b.c",
            "urn:ietf:params",
            "urn:ietf:params.a.b.c",
            "émail",
        ],
        not_matching: &[
            "",
            "a.b.c.d",
            "user_name",
            "a:b",
            "a..b",
            "emails.value1",
            "a b",
            "urn:ietf:params.a.b.c.d",
            "userName.",
        ],
        prefix: "",
        filler: 'a',
    },
    Samples {
        pattern: r"aws:identitystore:[a-z]{1,20}",
        matching: &["aws:identitystore:enterprise", "aws:identitystore:a"],
        not_matching: &[
            "aws:identitystore:",
            "aws:identitystore:Enterprise",
            "aws:identitystore:abcdefghijklmnopqrstu",
            "aws:identitystore:enterprise1",
            "enterprise",
        ],
        prefix: "aws:identitystore:",
        filler: 'a',
    },
    Samples {
        pattern: r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+",
        // Emoji are symbols (So); a combining accent is a mark; white space is none of them.
        matching: &[
            "maria.garcia",
            "maria.garcia@example.com",
            "José",
            "日本",
            "😀",
            "a-b_c",
            "١٢٣",
            "e\u{301}",
        ],
        not_matching: &["", "maria garcia", "a\tb", "a\nb", "\u{a0}", "a\u{200b}"],
        prefix: "",
        filler: 'a',
    },
    Samples {
        pattern: "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r \u{a0}\u{3000}]+",
        // Only these spaces: tab, line feed, carriage return, space, no-break space and
        // the ideographic space; not the vertical tab, U+2028 or U+0085.
        matching: &[
            "Maria Garcia",
            "Data science team",
            "a\tb\nc\r",
            "\u{a0}",
            "\u{3000}",
            "😀",
        ],
        not_matching: &["", "a\u{b}b", "a\u{2028}", "\u{200b}", "a\u{85}"],
        prefix: "",
        filler: 'a',
    },
    Samples {
        pattern: r"(arn:aws[a-z-]*:identitystore::\d{12}:identitystore/)?(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
        matching: &[
            "d-9067a6c1f4",
            "arn:aws:identitystore::123456789012:identitystore/d-9067a6c1f4",
            UUID,
            "arn:aws-gov-us:identitystore::123456789012:identitystore/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
        ],
        not_matching: &[
            "d-9067A6C1F4",
            "d-12345",
            "ssoins-1234567890abcdef",
            "arn:aws:identitystore::12345678901:identitystore/d-9067a6c1f4",
            "arn:aws:identitystore:us-east-1:123456789012:identitystore/d-9067a6c1f4",
            "",
            "d-9067a6c1f4\n",
        ],
        prefix: "arn:aws",
        filler: 'a',
    },
    Samples {
        pattern: r"[-a-zA-Z0-9+=/:_]*",
        matching: &["AAMA-EFRSURBZW", "abc+/=:_-", ""],
        not_matching: &["a b", "a.b", "é", "a\n", "a%2F"],
        prefix: "",
        filler: 'A',
    },
    Samples {
        pattern: r"[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
        matching: &[UUID, "8B5F2C1E-3A4D-4E6F-9A0B-1C2D3E4F5A6B"],
        not_matching: &[
            "8b5f2c1e3a4d4e6f9a0b1c2d3e4f5a6b",
            "8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6",
            "gb5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "",
        ],
        prefix: UUID,
        filler: 'a',
    },
    Samples {
        pattern: r"arn:aws[a-z-]*:identitystore:::(user|group|membership)/([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
        matching: &[
            "arn:aws:identitystore:::user/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "arn:aws:identitystore:::group/9067a6c1f4-8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "arn:aws:identitystore:::membership/8B5F2C1E-3A4D-4E6F-9A0B-1C2D3E4F5A6B",
        ],
        not_matching: &[
            "arn:aws:identitystore::123456789012:user/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "arn:aws:identitystore:::role/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "arn:aws:identitystore:::user/d-9067a6c1f4",
            "arn:aws:identitystore:::user/9067A6C1F4-8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "",
        ],
        prefix: "arn:aws",
        filler: 'a',
    },
    Samples {
        pattern: r"(arn:aws[a-z-]*:identitystore:::(user|group|membership)/)?([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
        matching: &[
            UUID,
            "9067a6c1f4-8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "arn:aws:identitystore:::user/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
        ],
        not_matching: &[
            "d-9067a6c1f4",
            "user/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "8b5f2c1e-3a4d-4e6f-9a0b",
            "",
            "8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b\n",
        ],
        prefix: "arn:aws",
        filler: 'a',
    },
    Samples {
        pattern: r"[0-9]+",
        matching: &["1", "42", "0123"],
        not_matching: &["", "1a", "١", "-1"],
        prefix: "",
        filler: '1',
    },
    // --- SSO Admin ---------------------------------------------------------------------
    Samples {
        pattern: r"\d{12}",
        matching: &["123456789012", "000000000000"],
        not_matching: &[
            "12345678901",
            "1234567890123",
            "١٢٣٤٥٦٧٨٩٠١٢",
            "12345678901a",
        ],
        prefix: "123456789012",
        filler: '0',
    },
    Samples {
        pattern: r"arn:aws(-[a-z]{1,5}){0,3}:sso::\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16}",
        matching: &[
            "arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef",
            "arn:aws-us-gov:sso::123456789012:application/ins-ABCDEFGHIJ.-1234/apl-ABCDEFGHIJKLMNOP",
            "arn:aws-abcde-fghij-klmno:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef",
        ],
        not_matching: &[
            "arn:aws:sso:::application/ssoins-1234567890abcdef/apl-1234567890abcdef",
            "arn:aws:sso::123456789012:application/ssoins-123/apl-1234567890abcdef",
            "arn:aws-abcdef:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef",
            "arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcde-",
            "",
        ],
        prefix: "arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef",
        filler: 'a',
    },
    Samples {
        pattern: r"[\S\s]*",
        // Every character is either white space or not: no value is refused.
        matching: &[
            "SageMaker Studio",
            "",
            "a\nb",
            "日本 😀",
            "\u{2028}",
            "\u{85}\r\t",
        ],
        not_matching: &[],
        prefix: "",
        filler: 'a',
    },
    Samples {
        pattern: r"arn:aws(-[a-z]{1,5}){0,3}:sso::aws:applicationProvider/[a-zA-Z0-9-/]+",
        matching: &[
            "arn:aws:sso::aws:applicationProvider/custom",
            "arn:aws:sso::aws:applicationProvider/sagemaker/studio-1",
        ],
        not_matching: &[
            "arn:aws:sso::123456789012:applicationProvider/custom",
            "arn:aws:sso::aws:applicationProvider/",
            "arn:aws:sso::aws:applicationProvider/a_b",
            "",
        ],
        prefix: "arn:aws:sso::aws:applicationProvider/",
        filler: 'a',
    },
    Samples {
        pattern: r"http(s)?:\/\/[-a-zA-Z0-9+&@#\/%?=~_|!:,.;]*[-a-zA-Z0-9+&bb@#\/%?=~_|]",
        // The last character may not be `.`, `,`, `;`, `:` or `!`.
        matching: &[
            "https://example.com/path?x=1",
            "http://a",
            "https://d-abc.studio.us-east-1.sagemaker.aws/",
        ],
        not_matching: &[
            "https://",
            "ftp://a",
            "https://a.",
            "https://a b",
            "https://a;",
        ],
        prefix: "https://",
        filler: 'a',
    },
    Samples {
        pattern: r"arn:aws(-[a-z]{1,5}){0,3}:[a-z0-9-]+:[a-z0-9-*]*:[0-9]{12}:[-a-zA-Z0-9./:_*]+",
        matching: &[
            "arn:aws:sso::123456789012:application/ssoins-1234567890abcdef/apl-1234567890abcdef",
            "arn:aws:sagemaker:us-east-1:123456789012:domain/d-abc",
            "arn:aws:s3:*:123456789012:*",
        ],
        not_matching: &[
            "arn:aws:SSO::123456789012:x",
            "arn:aws:sso::123456789012:",
            "arn:aws:sso::12345678901:x",
            "arn:aws:sso::123456789012:a b",
        ],
        prefix: "arn:aws:sso::123456789012:",
        filler: 'a',
    },
    Samples {
        pattern: r"[a-zA-Z0-9-]*",
        matching: &["d-9067a6c1f4", "", "ABC-123"],
        not_matching: &["d_1", "a.b", "é", "a b"],
        prefix: "",
        filler: 'a',
    },
    Samples {
        pattern: r"arn:aws(-[a-z]{1,5}){0,3}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}",
        matching: &[
            "arn:aws:sso:::instance/ssoins-1234567890abcdef",
            "arn:aws-cn:sso:::instance/ins-abcd.efgh-ijkl01",
        ],
        not_matching: &[
            "arn:aws:sso::123456789012:instance/ssoins-1234567890abcdef",
            "arn:aws:sso:::instance/ssoins-1234567890abcde",
            "arn:aws:sso:::instance/ssoins-1234567890abcdef0",
            "",
        ],
        prefix: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
        filler: 'a',
    },
    Samples {
        pattern: r"arn:aws(-[a-z]{1,5}){0,3}:identitystore::\d{12}:identitystore/(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
        matching: &[
            "arn:aws:identitystore::123456789012:identitystore/d-9067a6c1f4",
            "arn:aws-a-abcd:identitystore::123456789012:identitystore/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
        ],
        not_matching: &[
            "arn:aws:identitystore:::identitystore/d-9067a6c1f4",
            "arn:aws:identitystore::123456789012:identitystore/d-9067A6C1F4",
            "arn:aws:identitystore::123456789012:identitystore/8B5F2C1E-3A4D-4E6F-9A0B-1C2D3E4F5A6B",
            "d-9067a6c1f4",
        ],
        prefix: "arn:aws:identitystore::123456789012:identitystore/d-9067a6c1f4",
        filler: 'a',
    },
    Samples {
        pattern: IP_CIDR,
        // A leading zero or a part above 255 is no IPv4 address; IPv6 parts have at most
        // four hexadecimal digits and eight parts.
        matching: &[
            "10.0.0.0/8",
            "192.168.1.1",
            "2001:db8::/32",
            "::",
            "::1",
            "fe80::1ff:fe23:4567:890a",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
        ],
        not_matching: &[
            "256.0.0.1",
            "10.0.0.0/33",
            "10.0.0",
            "2001:db8::/129",
            "1:2:3:4:5:6:7:8:9",
            "",
            "10.0.0.01",
            "12345::",
        ],
        prefix: "10.0.0.0/8",
        filler: '0',
    },
    Samples {
        pattern: r"arn:aws(-[a-z]{1,5}){0,3}:kms:([a-z]{2,}(-[a-z0-9]+)+){1}:[0-9]{12}:key/(mrk-[a-f0-9]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
        matching: &[
            "arn:aws:kms:us-east-1:123456789012:key/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "arn:aws:kms:eu-central-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef",
        ],
        not_matching: &[
            "arn:aws:kms:us:123456789012:key/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "arn:aws:kms:us-east-1:123456789012:alias/x",
            "arn:aws:kms:u-east-1:123456789012:key/8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "arn:aws:kms:us-east-1:123456789012:key/mrk-0123",
        ],
        prefix: "arn:aws:kms:us",
        filler: 'a',
    },
    Samples {
        pattern: r"[\w+=,.@-]+",
        matching: &["IdentityCenter", "my-instance_1", "a+b=c,d.e@f"],
        not_matching: &["", "a b", "é", "a/b"],
        prefix: "",
        filler: 'a',
    },
    Samples {
        pattern: r"([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
        matching: &[
            "9067a6c1f4-8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            UUID,
            "8B5F2C1E-3A4D-4E6F-9A0B-1C2D3E4F5A6B",
        ],
        not_matching: &[
            "9067A6C1F4-8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
            "d-9067a6c1f4",
            "8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b-",
            "",
        ],
        prefix: "9067a6c1f4-8b5f2c1e-3a4d-4e6f-9a0b-1c2d3e4f5a6b",
        filler: 'a',
    },
    Samples {
        pattern: r"[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*",
        // Separators are in (\p{Z}: the no-break space, U+2028); control characters are not.
        matching: &["", "Instance is being created.", "\u{2028}", "a\u{a0}b"],
        not_matching: &["a\tb", "a\nb", "\u{85}", "\u{200b}"],
        prefix: "",
        filler: 'a',
    },
    Samples {
        pattern: r"([a-z]+-){2,3}\d",
        matching: &["us-east-1", "us-gov-west-1", "eu-central-2"],
        not_matching: &[
            "us-east",
            "us-east-10",
            "US-EAST-1",
            "useast-1",
            "us-east-١",
            "a-b-c-d-1",
        ],
        prefix: "us-east",
        filler: 'a',
    },
    Samples {
        pattern: r"[-a-zA-Z0-9+=/_]*",
        matching: &["", "AAMA-EFRS/+=_"],
        not_matching: &["a:b", "a b", "é"],
        prefix: "",
        filler: 'A',
    },
    Samples {
        pattern: r"arn:aws(-[a-z]{1,5}){0,3}:ec2:[a-z0-9-]+:[0-9]{12}:vpc/vpc-([0-9a-f]){8}(([0-9a-f]){9})?",
        matching: &[
            "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0a1b2c3d4e5f67890",
            "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0a1b2c3d",
        ],
        not_matching: &[
            "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0a1b2c3d4",
            "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0A1B2C3D",
            "arn:aws:ec2::123456789012:vpc/vpc-0a1b2c3d",
        ],
        prefix: "arn:aws:ec2:us-east-1",
        filler: '1',
    },
];
