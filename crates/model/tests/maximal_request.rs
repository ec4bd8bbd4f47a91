//! The request the benchmark validates is valid and as large as the model allows in the
//! dimensions that cost validation time, so the benchmark measures the worst real case.

mod support;

use studio_admin_model::validate::ListRule;
use studio_admin_model::{Severity, rules, validate};
use support::{maximal, model};

#[test]
fn the_benchmark_request_is_valid_with_only_the_expected_warnings() {
    let request = maximal::request();
    let report = validate(&request, Some(&maximal::domain()));
    assert!(!report.has_errors(), "{:#?}", report.problems);
    let mut warned: Vec<&str> = report.warnings().map(|p| p.path.as_str()).collect();
    warned.sort_unstable();
    // Five groups plus the domain's default leave no room for NFS; SSO profiles need an
    // Identity Center assignment.
    assert_eq!(
        warned,
        ["SingleSignOnUserValue", "UserSettings.SecurityGroups"]
    );
    assert!(
        report
            .problems
            .iter()
            .all(|p| p.severity == Severity::Warning)
    );
}

#[test]
fn the_benchmark_request_is_at_the_models_limits() {
    let request = maximal::request();
    let limit = |rule: &ListRule| usize::try_from(rule.max.unwrap()).unwrap();
    assert_eq!(
        request.tags.as_ref().unwrap().len(),
        limit(&rules::TAG_LIST)
    );
    let settings = request.user_settings.as_ref().unwrap();
    assert_eq!(
        settings.security_groups.as_ref().unwrap().len(),
        limit(&rules::SECURITY_GROUP_IDS)
    );
    let repositories = limit(&rules::CODE_REPOSITORIES);
    let jupyter_server = settings.jupyter_server_app_settings.as_ref().unwrap();
    let jupyter_lab = settings.jupyter_lab_app_settings.as_ref().unwrap();
    assert_eq!(
        jupyter_server.code_repositories.as_ref().unwrap().len(),
        repositories
    );
    assert_eq!(
        jupyter_lab.code_repositories.as_ref().unwrap().len(),
        repositories
    );
    let images = limit(&rules::CUSTOM_IMAGES);
    let sections = [
        settings
            .kernel_gateway_app_settings
            .as_ref()
            .unwrap()
            .custom_images
            .as_ref(),
        jupyter_lab.custom_images.as_ref(),
        settings
            .code_editor_app_settings
            .as_ref()
            .unwrap()
            .custom_images
            .as_ref(),
        settings
            .r_session_app_settings
            .as_ref()
            .unwrap()
            .custom_images
            .as_ref(),
    ];
    for custom_images in sections {
        assert_eq!(custom_images.unwrap().len(), images);
    }
}

#[test]
fn the_benchmark_request_fills_every_settings_section() {
    let body = maximal::request_json();
    let settings = body["UserSettings"].as_object().unwrap();
    for (member, _) in model::members(model::shape("UserSettings")) {
        assert!(
            settings.contains_key(member),
            "UserSettings.{member} is not filled"
        );
    }
    for (member, _) in model::members(model::shape("CanvasAppSettings")) {
        assert!(
            settings["CanvasAppSettings"].get(member).is_some(),
            "CanvasAppSettings.{member} is not filled"
        );
    }
}
