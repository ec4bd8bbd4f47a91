//! Enums spelled one way everywhere: in the database, in JSON and in query strings.

/// Declares a fieldless enum with its one spelling (in the database and in JSON), the
/// lookup back from it, and the list of every value. A variant written
/// `Name = "spelling" => "Label",` also has words for people: `label()`, which the panel
/// shows (every variant then has them, or the enum does not compile).
macro_rules! spelled {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal => $label:literal, )+
        }
    ) => {
        spelled! {
            $(#[$meta])*
            pub enum $name {
                $( $(#[$vmeta])* $variant = $text, )+
            }
        }

        impl $name {
            /// The value in words, as the panel shows it.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label,)+ }
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            ::serde::Serialize, ::serde::Deserialize,
        )]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The spelling in the database and in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text,)+ }
            }

            /// Reads the spelling back.
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            /// Reads the spelling back, or says which spellings there are.
            fn from_str(text: &str) -> Result<Self, String> {
                Self::parse(text).ok_or_else(|| {
                    let choices: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    format!("{text:?} is not one of {}", choices.join(", "))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use spelled;
