//! Values known to match, and known not to match, every pattern of the vendored model,
//! decided by hand with Java's `Pattern.matches` semantics (the service's): `\d`, `\w`,
//! `\s` are ASCII only, `.` stops at line terminators (`\n`, `\r`, U+0085, U+2028,
//! U+2029), a negated class like `[^/]` does match them, `\p{L}` is any Unicode letter,
//! and the whole value must match.
//!
//! The conformance test fails when the model has a pattern this table lacks, so a model
//! update forces someone to think up samples for the new pattern.

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
    /// A value of exactly `len` characters: `prefix` then `filler`s (or a cut prefix).
    /// It matches the pattern whenever the pattern allows that length after the prefix.
    pub fn of_len(&self, len: usize) -> String {
        let prefix: String = self.prefix.chars().take(len).collect();
        let missing = len - prefix.chars().count();
        prefix + &self.filler.to_string().repeat(missing)
    }
}

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
];
