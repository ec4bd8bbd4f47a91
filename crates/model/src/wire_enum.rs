//! String enums of the service model.
//!
//! Every enum keeps an `Unknown` variant: AWS adds values (new instance types appear
//! every few months), and a response with a value this build does not know must still
//! parse. Requests with an unknown value parse too, so that validation can report the
//! bad value with its path instead of failing the whole document.

/// What every generated enum offers beyond serde.
pub trait WireEnum: Sized {
    /// The shape name in the service model (used in messages).
    const SHAPE: &'static str;
    /// Every value the model lists, in the model's order.
    const VALUES: &'static [&'static str];
    /// The value as it appears on the wire.
    fn as_str(&self) -> &str;
    /// Whether this is a value the model does not list.
    fn is_unknown(&self) -> bool;
}

/// Declares a model enum with its wire strings, an `Unknown(String)` fallback, serde
/// impls that use the wire strings, `Display` and `FromStr` (which never fails).
#[macro_export]
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(
                #[doc = concat!("`", $wire, "`")]
                $variant,
            )*
            /// A value the vendored model does not list (a newer AWS value, or a typo in a
            /// request, which validation reports).
            Unknown(String),
        }

        impl $crate::wire_enum::WireEnum for $name {
            const SHAPE: &'static str = stringify!($name);
            const VALUES: &'static [&'static str] = &[$($wire),*];
            fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(other) => other,
                }
            }
            fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }
        }

        impl $name {
            /// Parses a wire string; values the model does not list become `Unknown`.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from_wire(s))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::wire_enum::WireEnum::as_str(self))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::wire_enum::WireEnum::as_str(self))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok(Self::from_wire(&s))
            }
        }
    };
}
