//! How an application hashes a new password: bcrypt at the installation's
//! cost, APR1 when asked for, `{SHA}` for the generated secrets of a
//! fast-auth application; what each application refuses; and the hash
//! itself, made before any write lock (bcrypt is slow).

use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::domain::password::scheme::Scheme;
use crate::domain::password::secret::{FAST_AUTH_MIN_LENGTH, Origin, Secret};
use crate::domain::password::{bcrypt, beside, cost, scheme};
use crate::error::{Error, Remedy, Result};
use crate::store::applications::Application;

/// A password for a credential, already hashed (bcrypt is slow: it is
/// hashed before the write lock is taken), for a credential's `create` and `update`.
#[derive(Debug)]
pub struct NewPassword {
    /// The hash, made by [`hash`], which knows whether the password was
    /// generated.
    pub hash: NewHash,
    /// A chosen password let through below the strength policy
    /// (`--allow-weak`, after the strength policy). A generated secret is
    /// never weak, whatever this says.
    pub weak: bool,
}

impl NewPassword {
    /// What the hash will cost Traefik, and where its password came from.
    pub fn cost(&self) -> HashCost {
        self.hash.cost()
    }

    /// Whether it is stored as weak: only a chosen password can be.
    pub(crate) fn is_weak(&self) -> bool {
        self.weak && self.hash.origin == Origin::Chosen
    }
}

/// What a command asks of a new password beyond what its application
/// decides: a scheme, a bcrypt cost, letting a weak chosen password through.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request {
    /// A scheme named explicitly (bcrypt or APR1).
    pub scheme: Option<Scheme>,
    /// A bcrypt cost other than the installation's.
    pub cost: Option<u32>,
    /// Accept a chosen password below the installation's strength policy,
    /// once (audited).
    pub allow_weak: bool,
}

impl Request {
    /// Refuses a request that no application takes, before anything is read.
    pub(crate) fn check(&self) -> Result<()> {
        if self.scheme == Some(Scheme::Apr1) && self.cost.is_some() {
            return Err(apr1_with_cost());
        }
        Ok(())
    }
}

/// How a new password is hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hashing {
    /// bcrypt at this cost: every password of an ordinary application.
    Bcrypt { cost: u32 },
    /// Apache's APR1, when a command asks for it (for old tools).
    Apr1,
    /// `{SHA}`: the generated secrets of a fast-auth application.
    Sha1,
}

/// A password hashed for an application, for a credential's `create` and `update`:
/// only [`hash`] makes one, so it says truly where the password came from.
#[derive(Debug)]
pub struct NewHash {
    hash: String,
    origin: Origin,
    hashing: Hashing,
    took: Duration,
}

/// What a new hash will cost Traefik, and where its password came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashCost {
    pub origin: Origin,
    pub hashing: Hashing,
    /// The CPU time hashing took here: about what Traefik spends verifying
    /// the hash, on every request.
    pub took: Duration,
}

impl HashCost {
    /// For a chosen password hashed with bcrypt: what Traefik will spend
    /// verifying it on every request to `app_name`, from the time hashing it
    /// just took here (a verification costs what hashing does), and the way out
    /// for machine clients.
    pub fn request_cost(&self, app_name: &str) -> Option<String> {
        self.request_cost_alone(app_name)
            .map(|cost| format!("{cost}; for machine clients, consider --fast-auth"))
    }

    /// [`Self::request_cost`] without the way out (a shared credential's,
    /// which no fast-auth application takes).
    pub fn request_cost_alone(&self, serves: &str) -> Option<String> {
        if self.origin != Origin::Chosen {
            return None;
        }
        let Hashing::Bcrypt { cost: bcrypt } = self.hashing else {
            return None;
        };
        Some(format!(
            "Traefik will spend about {} of CPU on every request to {serves} (bcrypt cost {bcrypt})",
            cost::about(self.took)
        ))
    }
}

impl NewHash {
    pub fn cost(&self) -> HashCost {
        HashCost {
            origin: self.origin,
            hashing: self.hashing,
            took: self.took,
        }
    }

    /// The hash, to store.
    pub(crate) fn into_hash(self) -> String {
        self.hash
    }
}

/// A hash being made on another thread while the command goes on (bcrypt
/// takes longer than everything else a `create` does): [`PendingHash::wait`]
/// joins it before the write lock is taken.
#[derive(Debug)]
pub(crate) struct PendingHash {
    hashing: Hashing,
    making: Making,
}

#[derive(Debug)]
enum Making {
    /// A fast scheme, not worth a thread.
    Made(Result<NewHash>),
    Thread(beside::Beside<Result<NewHash>>),
}

impl PendingHash {
    /// Starts hashing `secret` as `hashing` says: bcrypt on another thread
    /// (with a copy of the secret), the fast schemes at once. Dropped
    /// unwaited (a refused password, a guess at the hashing that proved
    /// wrong), the thread's result is thrown away.
    pub(crate) fn start(secret: &Secret, hashing: Hashing) -> PendingHash {
        let making = match hashing {
            Hashing::Bcrypt { .. } => {
                let secret = secret.clone();
                Making::Thread(beside::spawn(move || hash(&secret, hashing)))
            }
            Hashing::Apr1 | Hashing::Sha1 => Making::Made(hash(secret, hashing)),
        };
        PendingHash { hashing, making }
    }

    /// How the hash is being made.
    pub(crate) fn hashing(&self) -> Hashing {
        self.hashing
    }

    /// The hash, once made.
    pub(crate) fn wait(self) -> Result<NewHash> {
        match self.making {
            Making::Made(made) => made,
            Making::Thread(thread) => thread
                .join()
                .map_err(|_| Error::internal("hashing the password failed"))?,
        }
    }
}

/// The hashing an ordinary application most likely takes for a chosen
/// password, guessed from the command alone so that bcrypt can start
/// before the registry is even opened: bcrypt at the cost asked for or the
/// default one. No guess beyond the default cap on costs, which could
/// start a long hash only to refuse it; [`Accepted::take`](super::Accepted::take)
/// throws a wrong guess away.
pub fn likely_hashing(request: &Request) -> Option<Hashing> {
    if !matches!(request.scheme, None | Some(Scheme::Bcrypt)) {
        return None;
    }
    let cost = request.cost.unwrap_or(cost::DEFAULT_COST);
    (cost::check_cost(cost).is_ok() && cost::check_cost_limit(cost, cost::DEFAULT_MAX_COST).is_ok())
        .then_some(Hashing::Bcrypt { cost })
}

/// Hashes a secret as an application takes it (see [`hashing`]); slow for
/// bcrypt, so before any write lock.
pub fn hash(secret: &Secret, hashing: Hashing) -> Result<NewHash> {
    let started = Instant::now();
    let cpu = cost::thread_cpu_time();
    let hash = match hashing {
        Hashing::Bcrypt { cost } => bcrypt::hash(secret.expose(), cost)?,
        Hashing::Apr1 => scheme::apr1(secret.expose()),
        Hashing::Sha1 => scheme::sha1(secret.expose()),
    };
    // The CPU time it took (what Traefik will spend too), or the wall time.
    let took = match (cpu, cost::thread_cpu_time()) {
        (Some(before), Some(after)) => after.saturating_sub(before),
        _ => started.elapsed(),
    };
    Ok(NewHash {
        hash,
        origin: secret.origin(),
        hashing,
        took,
    })
}

pub(crate) fn fast_auth_refusal(app: &Application, why: &str) -> Error {
    Error::bad_request(format!(
        "application '{}' uses fast authentication: {why}; nothing was changed",
        app.app_name
    ))
}

/// Refuses a password that a fast-auth application does not take: one that
/// authgate did not generate, or a generated one shorter than 128 bits.
fn check_origin(app: &Application, origin: Origin) -> Result<()> {
    if !app.fast_auth {
        return Ok(());
    }
    match origin {
        Origin::Chosen => Err(fast_auth_refusal(
            app,
            &format!(
                "it takes only secrets authgate generates, of at least {FAST_AUTH_MIN_LENGTH} characters (128 bits), never a chosen password, because Traefik checks them with a fast hash ({{SHA}}) that is safe only for secrets too long to guess"
            ),
        )
        .remedy(Remedy::GenerateSecret)),
        Origin::Generated { length } if length < FAST_AUTH_MIN_LENGTH => Err(fast_auth_refusal(
            app,
            &format!(
                "its generated secrets have at least {FAST_AUTH_MIN_LENGTH} characters (128 bits), since a fast hash ({{SHA}}) protects only secrets too long to guess; {length} is too short"
            ),
        )
        .remedy(Remedy::FastAuthLength)),
        Origin::Generated { .. } => Ok(()),
    }
}

/// The hashing `app` takes for a password of `origin`, or why not.
pub(crate) fn hashing(
    conn: &Connection,
    app: &Application,
    origin: Origin,
    request: Request,
) -> Result<Hashing> {
    check_origin(app, origin)?;
    if app.fast_auth {
        if request.scheme.is_some() || request.cost.is_some() {
            return Err(fast_auth_refusal(
                app,
                "its secrets are hashed as {SHA}, so no other scheme and no bcrypt cost applies",
            )
            .remedy(Remedy::FastAuthScheme));
        }
        return Ok(Hashing::Sha1);
    }
    match request.scheme {
        Some(Scheme::Apr1) if request.cost.is_some() => Err(apr1_with_cost()),
        Some(Scheme::Apr1) => Ok(Hashing::Apr1),
        Some(Scheme::Sha1) => Err(Error::bad_request(format!(
            "application '{}' hashes with bcrypt: {{SHA}} is only for the generated secrets of a fast-auth application",
            app.app_name
        ))),
        Some(Scheme::Bcrypt) | None => Ok(Hashing::Bcrypt {
            cost: cost::installation_cost(conn, request.cost)?,
        }),
    }
}

/// The hashing of a shared credential: bcrypt, at the installation's cost
/// or the one asked for.
pub(crate) fn shared_hashing(conn: &Connection, request: Request) -> Result<Hashing> {
    match request.scheme {
        Some(Scheme::Bcrypt) | None => Ok(Hashing::Bcrypt {
            cost: cost::installation_cost(conn, request.cost)?,
        }),
        Some(other) => Err(Error::bad_request(format!(
            "a shared credential is always hashed with bcrypt, not {}: each application of its scope checks it as one of its own users",
            other.as_str()
        ))),
    }
}

/// Checks, inside the transaction, that a password hashed beforehand still
/// fits the application: it may have switched in between.
pub(crate) fn fits(app: &Application, new: &NewHash) -> Result<()> {
    check_origin(app, new.origin)?;
    if app.fast_auth != (new.hashing == Hashing::Sha1) {
        return Err(Error::bad_request(format!(
            "application '{}' switched fast authentication {} while the password was being hashed; nothing was changed: run the command again",
            app.app_name,
            if app.fast_auth { "on" } else { "off" }
        )));
    }
    Ok(())
}

/// Checks, inside the transaction, that a password hashed beforehand is
/// one a shared credential takes (see [`shared_hashing`]).
pub(crate) fn fits_shared(new: &NewHash) -> Result<()> {
    match new.hashing {
        Hashing::Bcrypt { .. } => Ok(()),
        _ => Err(Error::internal(
            "a shared credential's password was not hashed with bcrypt",
        )),
    }
}

/// The refusal of a bcrypt cost for an APR1 hash.
pub(crate) fn apr1_with_cost() -> Error {
    Error::bad_request("a bcrypt cost applies to bcrypt only, not to APR1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::password::scheme::verify;
    use crate::store::applications::AccessRules;

    fn app(fast_auth: bool) -> Application {
        Application {
            application_id: "a1".into(),
            app_name: "shop".into(),
            name: "Shop".into(),
            org_id: "o1".into(),
            project: "p".into(),
            environment: "e".into(),
            environment_id: "e1".into(),
            project_id: "p".into(),
            domains: vec!["shop.example.com".into()],
            hosts: Vec::new(),
            upstreams: vec!["http://10.0.0.5:3000".into()],
            entrypoints: vec!["web".into()],
            tls: false,
            cert_resolver: None,
            realm: None,
            fast_auth,
            private: false,
            access: AccessRules::default(),
            guard: true,
            guard_max_failures: None,
            banned: Vec::new(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    /// An installation whose settings are `settings`.
    fn installation(settings: &[(&str, &str)]) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute(
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            [],
        )
        .unwrap();
        for (key, value) in settings {
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)",
                [key, value],
            )
            .unwrap();
        }
        conn
    }

    fn request(scheme: Option<Scheme>, cost: Option<u32>) -> Request {
        Request {
            scheme,
            cost,
            allow_weak: false,
        }
    }

    const GENERATED: Origin = Origin::Generated { length: 24 };

    #[test]
    fn an_ordinary_application_hashes_with_bcrypt_at_the_installations_cost() {
        let default = installation(&[]);
        let shop = app(false);
        let none = request(None, None);
        assert_eq!(
            hashing(&default, &shop, Origin::Chosen, none).unwrap(),
            Hashing::Bcrypt { cost: 10 }
        );
        let chosen_12 = installation(&[("bcrypt_cost", "12")]);
        assert_eq!(
            hashing(&chosen_12, &shop, GENERATED, none).unwrap(),
            Hashing::Bcrypt { cost: 12 }
        );
        let asked = request(Some(Scheme::Bcrypt), Some(5));
        assert_eq!(
            hashing(&default, &shop, Origin::Chosen, asked).unwrap(),
            Hashing::Bcrypt { cost: 5 }
        );
        // Above the installation's cap (14 unless raised) only once raised.
        let high = request(None, Some(15));
        let refused = hashing(&default, &shop, Origin::Chosen, high).unwrap_err();
        assert!(refused.to_string().contains("limit of 14"), "{refused}");
        let raised = installation(&[("max_bcrypt_cost", "15")]);
        assert_eq!(
            hashing(&raised, &shop, Origin::Chosen, high).unwrap(),
            Hashing::Bcrypt { cost: 15 }
        );
    }

    #[test]
    fn apr1_takes_no_cost_and_sha1_is_for_fast_auth_only() {
        let conn = installation(&[]);
        let shop = app(false);
        let apr1 = request(Some(Scheme::Apr1), None);
        assert_eq!(
            hashing(&conn, &shop, Origin::Chosen, apr1).unwrap(),
            Hashing::Apr1
        );
        let with_cost = request(Some(Scheme::Apr1), Some(10));
        assert_eq!(
            hashing(&conn, &shop, Origin::Chosen, with_cost)
                .unwrap_err()
                .to_string(),
            apr1_with_cost().to_string()
        );
        let sha1 = request(Some(Scheme::Sha1), None);
        let refused = hashing(&conn, &shop, GENERATED, sha1).unwrap_err();
        assert!(
            refused.to_string().contains("hashes with bcrypt"),
            "{refused}"
        );
    }

    #[test]
    fn a_fast_auth_application_takes_long_generated_secrets_only() {
        let conn = installation(&[]);
        let fast = app(true);
        let none = request(None, None);
        let chosen = hashing(&conn, &fast, Origin::Chosen, none).unwrap_err();
        assert_eq!(chosen.hint(), Some(Remedy::GenerateSecret));
        let short = Origin::Generated {
            length: FAST_AUTH_MIN_LENGTH - 1,
        };
        let refused = hashing(&conn, &fast, short, none).unwrap_err();
        assert_eq!(refused.hint(), Some(Remedy::FastAuthLength));
        let long = Origin::Generated {
            length: FAST_AUTH_MIN_LENGTH,
        };
        assert_eq!(hashing(&conn, &fast, long, none).unwrap(), Hashing::Sha1);
        for asked in [request(Some(Scheme::Bcrypt), None), request(None, Some(10))] {
            let refused = hashing(&conn, &fast, long, asked).unwrap_err();
            assert_eq!(refused.hint(), Some(Remedy::FastAuthScheme));
        }
    }

    #[test]
    fn a_hash_says_where_its_password_came_from_and_verifies() {
        let generated = Secret::generate(FAST_AUTH_MIN_LENGTH, Default::default()).unwrap();
        let made = hash(&generated, Hashing::Sha1).unwrap();
        assert_eq!(made.cost().origin, generated.origin());
        assert!(fits(&app(true), &made).is_ok());
        // A hash made for a fast-auth application no longer fits once the
        // application switched back to bcrypt.
        assert!(fits(&app(false), &made).is_err());
        let stored = made.into_hash();
        assert_eq!(Scheme::of(&stored), Some(Scheme::Sha1));
        assert!(verify(generated.expose(), &stored));

        let chosen = Secret::chosen("correct horse battery".into());
        let made = hash(&chosen, Hashing::Bcrypt { cost: 4 }).unwrap();
        assert_eq!(made.cost().origin, Origin::Chosen);
        assert!(
            fits(&app(true), &made).is_err(),
            "fast auth takes no chosen password"
        );
        let stored = made.into_hash();
        assert!(stored.starts_with("$2y$04$"));
        assert!(verify("correct horse battery", &stored));

        let made = hash(&chosen, Hashing::Apr1).unwrap().into_hash();
        assert_eq!(Scheme::of(&made), Some(Scheme::Apr1));
        assert!(verify("correct horse battery", &made));
    }

    #[test]
    fn the_early_guess_is_bcrypt_at_the_cost_asked_for_within_the_default_cap() {
        let asked = |scheme, cost| likely_hashing(&request(scheme, cost));
        assert_eq!(asked(None, None), Some(Hashing::Bcrypt { cost: 10 }));
        assert_eq!(
            asked(Some(Scheme::Bcrypt), Some(12)),
            Some(Hashing::Bcrypt { cost: 12 })
        );
        // Nothing that could be refused, or that is not bcrypt.
        assert_eq!(asked(None, Some(15)), None);
        assert_eq!(asked(None, Some(3)), None);
        assert_eq!(asked(Some(Scheme::Apr1), None), None);
    }

    #[test]
    fn a_pending_hash_is_the_hash_it_was_started_for() {
        let chosen = Secret::chosen("correct horse battery".into());
        let pending = PendingHash::start(&chosen, Hashing::Bcrypt { cost: 4 });
        assert_eq!(pending.hashing(), Hashing::Bcrypt { cost: 4 });
        let stored = pending.wait().unwrap().into_hash();
        assert!(stored.starts_with("$2y$04$"));
        assert!(verify("correct horse battery", &stored));

        let generated = Secret::generate(FAST_AUTH_MIN_LENGTH, Default::default()).unwrap();
        let password = NewPassword {
            hash: PendingHash::start(&generated, Hashing::Sha1)
                .wait()
                .unwrap(),
            weak: true,
        };
        assert!(!password.is_weak(), "a generated secret is never weak");
        assert!(verify(generated.expose(), &password.hash.into_hash()));
    }

    #[test]
    fn only_a_chosen_bcrypt_password_tells_its_request_cost() {
        let took = Duration::from_micros(71_600);
        let chosen = HashCost {
            origin: Origin::Chosen,
            hashing: Hashing::Bcrypt { cost: 10 },
            took,
        };
        assert_eq!(
            chosen.request_cost("shop").unwrap(),
            "Traefik will spend about 72 ms of CPU on every request to shop (bcrypt cost 10); for machine clients, consider --fast-auth"
        );
        let generated = HashCost {
            origin: GENERATED,
            ..chosen
        };
        assert_eq!(generated.request_cost("shop"), None);
        let apr1 = HashCost {
            hashing: Hashing::Apr1,
            ..chosen
        };
        assert_eq!(apr1.request_cost("shop"), None);
    }
}
