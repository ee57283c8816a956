//! Tenant isolation: roles × operations × targets, each cell an exact exit
//! code, so that a script can tell a refusal (4) from a target that is not
//! there (3), driven through the real binary.
//!
//! alice owns "acme" (app `shop`, credential `admin`) and also created "beta"
//! with app `rival` (credential `admin`) and its owner carol. Actors, all
//! acting in acme: alice (owner), dave (admin), mia (member granted shop),
//! nico (member without grant), vera (viewer granted shop). alice is a member
//! of beta too, so "rival is not found" proves scoping by the *active*
//! organization, not by membership.
//!
//! Every role gets NOT_FOUND for another organization's application and for
//! a nonexistent one, with the same message once the name is replaced (no
//! existence oracle).
//!
//! State: per role, one fresh registry serves the non-destructive operations;
//! each destructive operation (delete, app remove) gets a fresh registry of
//! its own. Within a registry the targets run in the order ghost, rival,
//! shop, so only the last cell can change anything.

use std::fmt::Write as _;

use serde_json::Value;

use crate::common::*;

const PASSWORD: &str = "a long enough password";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Owner,
    Admin,
    MemberGranted,
    MemberNoGrant,
    ViewerGranted,
}

const ROLES: [Role; 5] = [
    Role::Owner,
    Role::Admin,
    Role::MemberGranted,
    Role::MemberNoGrant,
    Role::ViewerGranted,
];

impl Role {
    fn label(self) -> &'static str {
        match self {
            Role::Owner => "owner (alice)",
            Role::Admin => "admin (dave)",
            Role::MemberGranted => "member+grant (mia)",
            Role::MemberNoGrant => "member (nico)",
            Role::ViewerGranted => "viewer+grant (vera)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Show,
    List,
    Create,
    Update,
    Delete,
    AppShow,
    AppUpdate,
    AppRemove,
}

/// The display order of the matrix.
const OPS: [Op; 8] = [
    Op::Show,
    Op::List,
    Op::Create,
    Op::Update,
    Op::Delete,
    Op::AppShow,
    Op::AppUpdate,
    Op::AppRemove,
];

impl Op {
    fn label(self) -> &'static str {
        match self {
            Op::Show => "show",
            Op::List => "list",
            Op::Create => "create",
            Op::Update => "update",
            Op::Delete => "delete",
            Op::AppShow => "app show",
            Op::AppUpdate => "app update",
            Op::AppRemove => "app remove",
        }
    }

    fn destructive(self) -> bool {
        matches!(self, Op::Delete | Op::AppRemove)
    }

    fn args(self, app: &str) -> Vec<String> {
        let v: &[&str] = match self {
            Op::Show => &["show", "--app", app, "--username", "admin"],
            Op::List => &["list", "--app", app],
            Op::Create => &[
                "create",
                "--app",
                app,
                "--username",
                "newbie",
                "--password-stdin",
            ],
            Op::Update => &[
                "update",
                "--app",
                app,
                "--username",
                "admin",
                "--password-stdin",
            ],
            Op::Delete => &["delete", "--app", app, "--username", "admin"],
            Op::AppShow => &["app", "show", app],
            Op::AppUpdate => &["app", "update", app, "--name", "Renamed"],
            Op::AppRemove => &["app", "remove", app],
        };
        v.iter().map(|s| s.to_string()).collect()
    }
}

const SHOP: &str = "shop";
const RIVAL: &str = "rival";
const GHOST: &str = "ghost";
/// Columns of the matrix; also the order cells run in within a registry.
const TARGETS: [&str; 3] = [GHOST, RIVAL, SHOP];

/// The documented outcome of one cell.
fn expected(role: Role, op: Op, target: &str) -> i32 {
    if target != SHOP {
        return 3;
    }
    let read = matches!(op, Op::Show | Op::List | Op::AppShow);
    let credential_write = matches!(op, Op::Create | Op::Update | Op::Delete);
    match role {
        Role::Owner | Role::Admin => 0,
        Role::MemberGranted if read || credential_write => 0,
        Role::ViewerGranted if read => 0,
        _ => 4,
    }
}

/// One registry with both tenants and all actors.
struct World {
    r: Registry,
    keys: Vec<(Role, String)>,
    /// beta's owner.
    carol: String,
    rival_security_id: String,
    rival_file: Vec<u8>,
}

impl World {
    fn new() -> World {
        let r = Registry::with_app();
        r.add_credential(SHOP, "admin", PASSWORD);

        r.ok(&["org", "create", "beta"]);
        r.ok(&[
            "--org",
            "beta",
            "app",
            "add",
            "--app-name",
            RIVAL,
            "--domain",
            "rival.example.com",
            "--upstream",
            "http://10.0.0.9:8080",
        ]);
        let out = r
            .cmd()
            .args(["--org", "beta", "create", "--app", RIVAL, "--username"])
            .args(["admin", "--password-stdin", "-o", "json"])
            .write_stdin(PASSWORD)
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let rival_security_id = v["securityId"].as_str().unwrap().to_string();
        let carol = r.json(&[
            "--org", "beta", "user", "create", "carol", "--role", "owner",
        ])["apiKey"]
            .as_str()
            .unwrap()
            .to_string();
        // alice made beta and hands it over: a member of an organization
        // acts on its applications by name, so she must not stay one.
        r.ok(&["--org", "beta", "member", "remove", "alice"]);

        let keys = vec![
            (Role::Owner, r.owner_key()),
            (Role::Admin, r.add_user("dave", "admin")),
            (Role::MemberGranted, r.add_user("mia", "member")),
            (Role::MemberNoGrant, r.add_user("nico", "member")),
            (Role::ViewerGranted, r.add_user("vera", "viewer")),
        ];
        r.ok(&["app", "grant", SHOP, "--user", "mia"]);
        r.ok(&["app", "grant", SHOP, "--user", "vera"]);
        let rival_file = std::fs::read(r.file(RIVAL)).expect("rival's file");
        World {
            r,
            keys,
            carol,
            rival_security_id,
            rival_file,
        }
    }

    fn key(&self, role: Role) -> &str {
        &self.keys.iter().find(|(r, _)| *r == role).unwrap().1
    }

    fn run(&self, role: Role, args: &[String], stdin: &str) -> std::process::Output {
        self.r
            .cmd_as(self.key(role))
            .args(args)
            .write_stdin(stdin)
            .output()
            .unwrap()
    }

    /// (appName, username, securityId) of the credentials `list` shows the role.
    fn list_all(&self, role: Role) -> Vec<(String, String, String)> {
        let out = self.run(role, &["list".into(), "-o".into(), "json".into()], "");
        assert_eq!(code(&out), 0, "{}: list: {}", role.label(), stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["appName"].as_str().unwrap().to_string(),
                    c["username"].as_str().unwrap().to_string(),
                    c["securityId"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    /// beta's application and credential are as they were set up.
    fn rival_untouched(&self) -> Result<(), String> {
        let rows = self.r.count(&format!(
            "SELECT count(*) FROM security WHERE security_id = '{}'",
            self.rival_security_id
        ));
        let file = std::fs::read(self.r.file(RIVAL)).ok();
        if rows == 1 && file.as_deref() == Some(&self.rival_file[..]) {
            Ok(())
        } else {
            Err(format!(
                "rival changed: credential rows {rows}, file unchanged: {}",
                file.as_deref() == Some(&self.rival_file[..])
            ))
        }
    }
}

/// For the mutations the role may do on shop, the change really happened.
fn effects(world: &World, role: Role, ops: &[Op]) -> Vec<String> {
    let r = &world.r;
    let admin_rows = || {
        r.count(
            "SELECT count(*) FROM security s JOIN applications a USING (application_id)
             WHERE a.app_name = 'shop' AND s.username = 'admin'",
        )
    };
    let mut problems = Vec::new();
    for &op in ops.iter().filter(|op| expected(role, **op, SHOP) == 0) {
        let ok = match op {
            Op::Create => r.users(SHOP).iter().any(|u| u.starts_with("newbie:")),
            Op::Update => r.count(
                "SELECT count(*) FROM audit_log WHERE action = 'security.update' AND outcome = 'ok'",
            ) == 1,
            Op::AppUpdate => {
                r.count("SELECT count(*) FROM applications WHERE name = 'Renamed'") == 1
            }
            Op::Delete => admin_rows() == 0 && r.yaml(SHOP).is_some(),
            Op::AppRemove => {
                r.count("SELECT count(*) FROM applications WHERE app_name = 'shop'") == 0
                    && !r.file(SHOP).exists()
            }
            Op::Show | Op::List | Op::AppShow => true,
        };
        if !ok {
            problems.push(format!(
                "{} / {} / shop: exit 0 but the change is not there",
                role.label(),
                op.label()
            ));
        }
    }
    problems
}

struct Cell {
    role: Role,
    op: Op,
    target: &'static str,
    code: i32,
    stderr: String,
}

fn run_cells(world: &World, role: Role, ops: &[Op], cells: &mut Vec<Cell>) {
    for &op in ops {
        for target in TARGETS {
            let out = world.run(role, &op.args(target), PASSWORD);
            cells.push(Cell {
                role,
                op,
                target,
                code: code(&out),
                stderr: stderr(&out),
            });
        }
    }
}

fn table(cells: &[Cell]) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{:<20} {:<11} {:<8} {:<8} {:<8}   (actual, or actual!=expected)",
        "role", "operation", SHOP, RIVAL, GHOST
    );
    for role in ROLES {
        for op in OPS {
            let mut row = format!("{:<20} {:<11}", role.label(), op.label());
            for target in [SHOP, RIVAL, GHOST] {
                let text = match cells
                    .iter()
                    .find(|c| c.role == role && c.op == op && c.target == target)
                {
                    None => "-".to_string(),
                    Some(c) if c.code == expected(role, op, target) => c.code.to_string(),
                    Some(c) => format!("{}!={} X", c.code, expected(role, op, target)),
                };
                let _ = write!(row, " {text:<8}");
            }
            let _ = writeln!(t, "{}", row.trim_end());
        }
    }
    t
}

#[test]
fn every_role_sees_only_its_own_organization_and_what_its_grants_allow() {
    let started = std::time::Instant::now();
    let mut cells = Vec::new();
    let mut failures = Vec::new();
    let non_destructive: Vec<Op> = OPS.into_iter().filter(|op| !op.destructive()).collect();

    for role in ROLES {
        let world = World::new();

        // The data is really there: in beta, carol sees rival's credential.
        let out = world
            .r
            .cmd_as(&world.carol)
            .args(["list", "-o", "json"])
            .output()
            .unwrap();
        assert!(
            stdout(&out).contains(&world.rival_security_id),
            "setup: rival's credential is visible in beta"
        );

        // `list` without --app: never beta's credentials; exactly what the
        // role may see of acme.
        let listed = world.list_all(role);
        if listed
            .iter()
            .any(|(app, _, id)| app == RIVAL || *id == world.rival_security_id)
        {
            failures.push(format!(
                "{}: list shows beta's credentials: {listed:?}",
                role.label()
            ));
        }
        let names: Vec<_> = listed
            .iter()
            .map(|(app, user, _)| format!("{app}/{user}"))
            .collect();
        let visible: &[&str] = match role {
            Role::MemberNoGrant => &[],
            _ => &["shop/admin"],
        };
        if names != visible {
            failures.push(format!(
                "{}: list shows {names:?}, expected {visible:?}",
                role.label()
            ));
        }

        // beta's credential by securityId: the same NOT_FOUND as an id that
        // does not exist.
        for verb in ["show", "update", "delete"] {
            let run = |id: &str| {
                let mut args = vec![verb.to_string(), id.to_string()];
                if verb == "update" {
                    args.push("--password-stdin".into());
                }
                world.run(role, &args, PASSWORD)
            };
            let fake = "01a00000-0000-7000-8000-000000000000";
            let (real, absent) = (run(&world.rival_security_id), run(fake));
            if code(&real) != 3
                || code(&absent) != 3
                || stderr(&real).replace(&world.rival_security_id, "X")
                    != stderr(&absent).replace(fake, "X")
            {
                failures.push(format!(
                    "{}: {verb} <beta's securityId>: exit {} {:?}; nonexistent id: exit {} {:?}",
                    role.label(),
                    code(&real),
                    stderr(&real).trim(),
                    code(&absent),
                    stderr(&absent).trim()
                ));
            }
        }

        run_cells(&world, role, &non_destructive, &mut cells);
        failures.extend(effects(&world, role, &non_destructive));
        if let Err(e) = world.rival_untouched() {
            failures.push(format!("{}: {e}", role.label()));
        }
        for op in OPS.into_iter().filter(|op| op.destructive()) {
            let world = World::new();
            run_cells(&world, role, &[op], &mut cells);
            failures.extend(effects(&world, role, &[op]));
            if let Err(e) = world.rival_untouched() {
                failures.push(format!("{} {}: {e}", role.label(), op.label()));
            }
        }
    }

    for c in &cells {
        let want = expected(c.role, c.op, c.target);
        if c.code != want {
            failures.push(format!(
                "{} / {} / {}: exit {} instead of {want}: {}",
                c.role.label(),
                c.op.label(),
                c.target,
                c.code,
                c.stderr.trim()
            ));
        }
    }
    // No existence oracle: another org's app reads exactly like a missing one.
    for role in ROLES {
        for op in OPS {
            let get = |target: &str| {
                cells
                    .iter()
                    .find(|c| c.role == role && c.op == op && c.target == target)
                    .map(|c| c.stderr.replace(target, "X"))
                    .unwrap()
            };
            let (rival, ghost) = (get(RIVAL), get(GHOST));
            if rival != ghost {
                failures.push(format!(
                    "{} / {}: oracle: rival says {:?}, ghost says {:?}",
                    role.label(),
                    op.label(),
                    rival.trim(),
                    ghost.trim()
                ));
            }
        }
    }

    let matrix = table(&cells);
    println!(
        "{matrix}\n{} cells in {:.2?}",
        cells.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} isolation failure(s):\n{}\n\n{matrix}",
        failures.len(),
        failures.join("\n")
    );
}

/// The shared-credential cells: a credential shared by acme's project and
/// one shared by beta's (both projects are named `default`), by id and by
/// project, for every role. Another organization's is not found, exactly
/// like one that does not exist; a member sees acme's only through a
/// granted application in its scope, and changes none.
#[test]
fn shared_credentials_keep_the_same_boundary_for_every_role() {
    let world = World::new();
    let r = &world.r;
    let create = |key: &str, org: &[&str], username: &str| -> String {
        let mut args: Vec<&str> = org.to_vec();
        args.extend(["create", "--project", "default", "--username", username]);
        args.extend(["--password-stdin", "-o", "json"]);
        r.run(args).as_key(key).stdin(PASSWORD).ok().json()["securityId"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let ours = create(&r.owner_key(), &[], "reviewer");
    let theirs = create(&world.carol, &[], "reviewer");
    let rival_file = std::fs::read(r.file(RIVAL)).unwrap();
    assert!(
        String::from_utf8_lossy(&rival_file).contains("reviewer:"),
        "beta's own reviewer reaches rival"
    );
    assert!(r.users(SHOP).iter().any(|u| u.starts_with("reviewer:")));
    let theirs_hash = r.count(&format!(
        "SELECT length(password_hash) FROM shared_credentials WHERE security_id = '{theirs}'"
    ));
    let fake = "01a00000-0000-7000-8000-000000000000";

    let failures = std::cell::RefCell::new(Vec::new());
    let check = |role: Role, what: &str, out: std::process::Output, want: i32| {
        if code(&out) != want {
            failures.borrow_mut().push(format!(
                "{} / {what}: exit {} instead of {want}: {}",
                role.label(),
                code(&out),
                stderr(&out).trim()
            ));
        }
        out
    };
    for role in ROLES {
        let sees = !matches!(role, Role::MemberNoGrant);
        let manages = matches!(role, Role::Owner | Role::Admin);
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Another organization's, by id: as if it did not exist, whatever the verb.
        for verb in ["show", "update", "delete", "verify"] {
            let run = |id: &str| {
                let mut a = args(&[verb, id]);
                if matches!(verb, "update" | "verify") {
                    a.push("--password-stdin".into());
                }
                world.run(role, &a, PASSWORD)
            };
            let (real, absent) = (run(&theirs), run(fake));
            let real = check(role, &format!("{verb} <beta's shared id>"), real, 3);
            if stderr(&real).replace(&theirs, "X") != stderr(&absent).replace(fake, "X") {
                failures.borrow_mut().push(format!(
                    "{}: {verb} <beta's shared id> reads unlike a missing one: {:?} / {:?}",
                    role.label(),
                    stderr(&real),
                    stderr(&absent)
                ));
            }
        }
        // Ours: seen through a granted application, changed by managers.
        let shown = world.run(role, &args(&["show", &ours]), "");
        check(
            role,
            "show <acme's shared id>",
            shown,
            if sees { 0 } else { 3 },
        );
        let listed = world.run(
            role,
            &args(&["list", "--project", "default", "-o", "json"]),
            "",
        );
        let listed = check(role, "list --project default", listed, 0);
        let ids: Vec<String> = serde_json::from_slice::<Value>(&listed.stdout)
            .map(|v| {
                v.as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["securityId"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default();
        // The managers' own additions come and go; ours is there for those
        // who see it, beta's never, and nothing for a member without grants.
        if ids.contains(&ours) != sees || ids.contains(&theirs) || (!sees && !ids.is_empty()) {
            failures.borrow_mut().push(format!(
                "{}: list --project default shows {ids:?} (ours {ours}, beta's {theirs})",
                role.label()
            ));
        }
        let everything = world.run(role, &args(&["list", "-o", "json"]), "");
        if stdout(&everything).contains(&theirs) {
            failures.borrow_mut().push(format!(
                "{}: list shows beta's shared credential",
                role.label()
            ));
        }
        let update = world.run(
            role,
            &args(&["update", &ours, "--password-stdin"]),
            PASSWORD,
        );
        let want = match (sees, manages) {
            (_, true) => 0,
            (true, false) => 4,
            (false, false) => 3,
        };
        check(role, "update <acme's shared id>", update, want);
        let username = format!("new-{}", role.label().split(' ').next().unwrap());
        let created = world.run(
            role,
            &args(&[
                "create",
                "--project",
                "default",
                "--username",
                &username,
                "--password-stdin",
            ]),
            PASSWORD,
        );
        check(
            role,
            "create --project default",
            created,
            if manages { 0 } else { 4 },
        );
    }
    // beta's credential and rival's file are as they were.
    assert_eq!(
        r.count(&format!(
            "SELECT length(password_hash) FROM shared_credentials WHERE security_id = '{theirs}'"
        )),
        theirs_hash
    );
    assert_eq!(std::fs::read(r.file(RIVAL)).unwrap(), rival_file);
    // The managers' new users reached shop, not rival.
    let users = r.users(SHOP);
    assert!(
        users.iter().any(|u| u.starts_with("new-owner:")),
        "{users:?}"
    );
    assert!(
        users.iter().any(|u| u.starts_with("new-admin:")),
        "{users:?}"
    );
    let failures = failures.into_inner();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
