//! Idle shutdown: which `AppLifecycleManagement.IdleSettings` applies to a JupyterLab or
//! Code Editor app. The one place this is worked out, for the profile page
//! ([`crate::ProfileDetail::idle`]) and the running page ([`crate::RunningApp::idle`]).
//!
//! SageMaker looks for the setting from the narrowest level to the widest: the space's own
//! `SpaceSettings` (a space app only), then the user profile's `UserSettings` (for a space
//! app: its owner's), then the domain's `DefaultUserSettings`. The first level that says
//! anything decides: `LifecycleManagement: DISABLED` turns idle shutdown off there, an
//! `IdleTimeoutInMinutes` sets the timeout. Other app types (JupyterServer, KernelGateway,
//! Canvas...) have no idle shutdown setting.

use serde::{Deserialize, Serialize};
use studio_admin_model::{
    AppLifecycleManagement, AppType, LifecycleManagement, SpaceAppLifecycleManagement,
    SpaceSettings, UserSettings,
};

use crate::spelled::spelled;

spelled! {
    /// The level an idle shutdown setting was taken from.
    pub enum IdleSource {
        /// The space's own settings (`SpaceSettings`).
        Space = "space" => "the space's setting",
        /// The user profile's settings (`UserSettings`).
        Profile = "profile" => "the profile's setting",
        /// The domain's default (`DefaultUserSettings`).
        Domain = "domain" => "the domain's default",
    }
}

/// The idle shutdown that applies to one app type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdleShutdown {
    /// Minutes without activity after which SageMaker stops the app; absent when idle
    /// shutdown is turned off (`LifecycleManagement: DISABLED`) at `source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<i32>,
    /// Where the setting comes from.
    pub source: IdleSource,
}

/// The effective idle shutdown of a profile's JupyterLab and Code Editor apps (absent:
/// set nowhere, so apps run until stopped).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileIdle {
    /// JupyterLab (`JupyterLabAppSettings.AppLifecycleManagement.IdleSettings`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jupyter_lab: Option<IdleShutdown>,
    /// Code Editor (`CodeEditorAppSettings.AppLifecycleManagement.IdleSettings`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_editor: Option<IdleShutdown>,
}

impl ProfileIdle {
    /// The effective settings of a profile whose own settings are `profile`, in a domain
    /// whose defaults are `domain`.
    pub fn of(profile: Option<&UserSettings>, domain: Option<&UserSettings>) -> Self {
        Self {
            jupyter_lab: effective(&AppType::JupyterLab, None, profile, domain),
            code_editor: effective(&AppType::CodeEditor, None, profile, domain),
        }
    }
}

/// What one level says about idle shutdown, if anything.
fn level(lifecycle: Option<&AppLifecycleManagement>, source: IdleSource) -> Option<IdleShutdown> {
    let settings = lifecycle?.idle_settings.as_ref()?;
    if settings.lifecycle_management == Some(LifecycleManagement::Disabled) {
        return Some(IdleShutdown {
            minutes: None,
            source,
        });
    }
    settings
        .idle_timeout_in_minutes
        .map(|minutes| IdleShutdown {
            minutes: Some(minutes),
            source,
        })
}

/// What a space says (a space sets only the timeout, within the profile's bounds).
fn space_level(lifecycle: Option<&SpaceAppLifecycleManagement>) -> Option<IdleShutdown> {
    let minutes = lifecycle?.idle_settings.as_ref()?.idle_timeout_in_minutes?;
    Some(IdleShutdown {
        minutes: Some(minutes),
        source: IdleSource::Space,
    })
}

/// The `AppLifecycleManagement` of `app_type` in `settings` (a `UserSettings` or a
/// `SpaceSettings`: generated types of the same members but no common trait), `None` for
/// an app type without idle shutdown.
macro_rules! lifecycle_of {
    ($app_type:expr, $settings:expr) => {{
        let settings = $settings?;
        match $app_type {
            AppType::JupyterLab => settings
                .jupyter_lab_app_settings
                .as_ref()?
                .app_lifecycle_management
                .as_ref(),
            AppType::CodeEditor => settings
                .code_editor_app_settings
                .as_ref()?
                .app_lifecycle_management
                .as_ref(),
            _ => None,
        }
    }};
}

/// The user-level lifecycle of `app_type` in `settings`.
fn user_lifecycle<'a>(
    app_type: &AppType,
    settings: Option<&'a UserSettings>,
) -> Option<&'a AppLifecycleManagement> {
    lifecycle_of!(app_type, settings)
}

/// The space-level lifecycle of `app_type` in `settings`.
fn space_lifecycle<'a>(
    app_type: &AppType,
    settings: Option<&'a SpaceSettings>,
) -> Option<&'a SpaceAppLifecycleManagement> {
    lifecycle_of!(app_type, settings)
}

/// The idle shutdown that applies to an app of `app_type`: the space's setting (`space`,
/// for an app in a space), else the profile's (`profile`: the app's profile, or the
/// space's owner), else the domain's default (`domain`). `None` when no level sets one,
/// and always for app types without idle shutdown.
pub fn effective(
    app_type: &AppType,
    space: Option<&SpaceSettings>,
    profile: Option<&UserSettings>,
    domain: Option<&UserSettings>,
) -> Option<IdleShutdown> {
    space_level(space_lifecycle(app_type, space))
        .or_else(|| level(user_lifecycle(app_type, profile), IdleSource::Profile))
        .or_else(|| level(user_lifecycle(app_type, domain), IdleSource::Domain))
}

#[cfg(test)]
mod tests {
    use studio_admin_model::{
        CodeEditorAppSettings, IdleSettings, JupyterLabAppSettings, SpaceIdleSettings,
        SpaceJupyterLabAppSettings,
    };

    use super::*;

    fn lifecycle(minutes: Option<i32>, state: LifecycleManagement) -> AppLifecycleManagement {
        AppLifecycleManagement {
            idle_settings: Some(IdleSettings {
                idle_timeout_in_minutes: minutes,
                lifecycle_management: Some(state),
                ..IdleSettings::default()
            }),
        }
    }

    fn lab(minutes: Option<i32>, state: LifecycleManagement) -> UserSettings {
        UserSettings {
            jupyter_lab_app_settings: Some(JupyterLabAppSettings {
                app_lifecycle_management: Some(lifecycle(minutes, state)),
                ..JupyterLabAppSettings::default()
            }),
            ..UserSettings::default()
        }
    }

    #[test]
    fn a_profile_without_settings_gets_the_domain_default() {
        let domain = UserSettings {
            code_editor_app_settings: Some(CodeEditorAppSettings {
                app_lifecycle_management: Some(lifecycle(Some(60), LifecycleManagement::Enabled)),
                ..CodeEditorAppSettings::default()
            }),
            ..lab(Some(120), LifecycleManagement::Enabled)
        };
        let idle = ProfileIdle::of(Some(&UserSettings::default()), Some(&domain));
        assert_eq!(
            idle.jupyter_lab,
            Some(IdleShutdown {
                minutes: Some(120),
                source: IdleSource::Domain
            })
        );
        assert_eq!(idle.code_editor.and_then(|i| i.minutes), Some(60));
    }

    #[test]
    fn the_profile_setting_wins_and_may_turn_idle_shutdown_off() {
        let domain = lab(Some(120), LifecycleManagement::Enabled);
        let longer = lab(Some(360), LifecycleManagement::Enabled);
        assert_eq!(
            ProfileIdle::of(Some(&longer), Some(&domain)).jupyter_lab,
            Some(IdleShutdown {
                minutes: Some(360),
                source: IdleSource::Profile
            })
        );
        let off = lab(None, LifecycleManagement::Disabled);
        assert_eq!(
            ProfileIdle::of(Some(&off), Some(&domain)).jupyter_lab,
            Some(IdleShutdown {
                minutes: None,
                source: IdleSource::Profile
            })
        );
    }

    #[test]
    fn a_space_timeout_wins_and_other_app_types_have_none() {
        let domain = lab(Some(120), LifecycleManagement::Enabled);
        let space = SpaceSettings {
            jupyter_lab_app_settings: Some(SpaceJupyterLabAppSettings {
                app_lifecycle_management: Some(SpaceAppLifecycleManagement {
                    idle_settings: Some(SpaceIdleSettings {
                        idle_timeout_in_minutes: Some(90),
                    }),
                }),
                ..SpaceJupyterLabAppSettings::default()
            }),
            ..SpaceSettings::default()
        };
        assert_eq!(
            effective(&AppType::JupyterLab, Some(&space), None, Some(&domain)),
            Some(IdleShutdown {
                minutes: Some(90),
                source: IdleSource::Space
            })
        );
        assert_eq!(
            effective(&AppType::KernelGateway, Some(&space), None, Some(&domain)),
            None
        );
        assert_eq!(ProfileIdle::of(None, None), ProfileIdle::default());
    }
}
