//! The demo's IAM Identity Center directory, behind the `research-sso` domain: two dozen
//! people and three groups. `ml-researchers` is assigned to the domain's Studio
//! application, a few people are assigned directly, and the others (the finance analysts,
//! the data platform group, some people in no group) have no access; the application
//! requires assignment, as SageMaker creates it.

use studio_admin_model::sso_admin::PrincipalType;

use super::{days, keep};
use crate::emulator::{DirectoryUser, Emulator};

/// The groups: display name and description.
const GROUPS: &[(&str, &str)] = &[
    (
        "ml-researchers",
        "Research scientists who work in SageMaker Studio",
    ),
    ("data-platform", "Data engineering and platform team"),
    ("finance-analysts", "Finance and forecasting analysts"),
];

/// The group assigned to the Studio application.
const ASSIGNED_GROUP: &str = "ml-researchers";

/// People assigned to the Studio application directly, by user name.
const DIRECT: &[&str] = &["amara.diallo", "lucas.meyer", "rahul.mehta", "samir.patel"];

/// The people: user name, first name, last name, their groups, days in the directory.
#[rustfmt::skip]
const PEOPLE: &[(&str, &str, &str, &[&str], u64)] = &[
    ("maria.garcia", "María", "García", &["ml-researchers"], 410),
    ("kenji.watanabe", "Kenji", "Watanabe", &["ml-researchers"], 395),
    ("amara.diallo", "Amara", "Diallo", &[], 380),
    ("lucas.meyer", "Lucas", "Meyer", &[], 366),
    ("sofia.rossi", "Sofia", "Rossi", &["ml-researchers"], 351),
    ("daniel.kim", "Daniel", "Kim", &["ml-researchers"], 340),
    ("aisha.rahman", "Aisha", "Rahman", &["ml-researchers", "data-platform"], 322),
    ("tom.oconnor", "Tom", "O'Connor", &["data-platform"], 310),
    ("elena.popescu", "Elena", "Popescu", &["data-platform"], 297),
    ("rahul.mehta", "Rahul", "Mehta", &["data-platform"], 281),
    ("chloe.martin", "Chloé", "Martin", &["finance-analysts"], 266),
    ("jonas.berg", "Jonas", "Berg", &["finance-analysts"], 250),
    ("fatou.ndiaye", "Fatou", "Ndiaye", &[], 233),
    ("mateo.fernandez", "Mateo", "Fernández", &["ml-researchers"], 219),
    ("yuki.tanaka", "Yuki", "Tanaka", &[], 201),
    ("olivia.smith", "Olivia", "Smith", &["finance-analysts"], 187),
    ("noah.williams", "Noah", "Williams", &["data-platform"], 170),
    ("leila.haddad", "Leila", "Haddad", &["ml-researchers"], 154),
    ("pavel.novak", "Pavel", "Novák", &[], 139),
    ("grace.okeke", "Grace", "Okeke", &["finance-analysts"], 121),
    ("samir.patel", "Samir", "Patel", &[], 98),
    ("ingrid.larsen", "Ingrid", "Larsen", &[], 77),
    ("hugo.lefevre", "Hugo", "Lefèvre", &["data-platform"], 45),
    ("mei.chen", "Mei", "Chen", &["ml-researchers"], 16),
];

/// The company's e-mail domain.
const EMAIL_DOMAIN: &str = "example.com";

/// Fills the directory and assigns the Studio application of `domain_id`.
pub(super) fn people(emulator: &Emulator, domain_id: &str) {
    let Some(application) = studio_application(emulator, domain_id) else {
        return;
    };
    let groups: Vec<(&str, String)> = GROUPS
        .iter()
        .filter_map(|(name, description)| {
            let id = keep(
                name,
                emulator.seed_directory_group(name, Some(description), days(500)),
            )?;
            Some((*name, id))
        })
        .collect();
    for (user_name, given, family, member_of, age) in PEOPLE {
        let user = DirectoryUser {
            user_name: (*user_name).to_owned(),
            given_name: (*given).to_owned(),
            family_name: (*family).to_owned(),
            email: format!("{user_name}@{EMAIL_DOMAIN}"),
        };
        let Some(user_id) = keep(user_name, emulator.seed_directory_user(user, days(*age))) else {
            continue;
        };
        for (group, group_id) in &groups {
            if member_of.contains(group) {
                keep(user_name, emulator.seed_group_member(group_id, &user_id));
            }
        }
        if DIRECT.contains(user_name) {
            keep(
                user_name,
                emulator.seed_application_assignment(&application, PrincipalType::User, &user_id),
            );
        }
    }
    if let Some((_, group_id)) = groups.iter().find(|(name, _)| *name == ASSIGNED_GROUP) {
        keep(
            ASSIGNED_GROUP,
            emulator.seed_application_assignment(&application, PrincipalType::Group, group_id),
        );
    }
}

/// The Identity Center application of an SSO-mode domain.
fn studio_application(emulator: &Emulator, domain_id: &str) -> Option<String> {
    let store = emulator.read();
    store
        .domain(domain_id, emulator.now())?
        .sso_application_arn
        .clone()
}
