//! Passwords, in one place: the secret (generated, or chosen and read from a
//! source), the schemes Traefik verifies, bcrypt's costs, the strength
//! policy, and the hashing a credential's application requires.
//!
//! `create` and `update` make two calls. Before any password is read (a
//! prompt waits until then), the credential's operation says what the
//! application accepts ([`Accepted`], from `credentials::accepted_for_create`
//! or `accepted_for_update`), refusing what it does not take. Then
//! [`Accepted::take`] takes the secret, judges a chosen one against the
//! strength policy, and has it hashed, returning what to store and the
//! advice to give. bcrypt takes longer than all the rest of a `create`, so
//! it runs on another thread from as early as it can: from [`Input::read`]
//! for a chosen password, at the hashing most applications take, before the
//! registry is opened; the command waits for it before the write lock
//! ([`Taken::made`]).

pub mod bcrypt;
mod beside;
pub mod cost;
pub mod hashing;
pub mod scheme;
pub mod secret;
pub mod source;
pub mod strength;

pub use hashing::{HashCost, Hashing, NewHash, NewPassword, Request};
pub use scheme::Scheme;
pub use secret::{Origin, Secret};
pub use source::Source;

use rusqlite::Connection;

use crate::domain::session::Session;
use crate::error::Result;
use crate::store::applications::Application;
use hashing::PendingHash;

/// The operator at the other end of a command: asked for a password on a
/// terminal, and told what a new password warns of. The command line's; the
/// domain never prints.
pub trait Console {
    /// Asks for a new password on the terminal, or says what to use instead.
    fn ask_password(&self) -> Result<String>;
    /// Tells the operator something about a new password.
    fn tell(&self, advice: &Advice);
}

/// A new password on its way in: read already, unless it comes from the
/// prompt, which asks only once the application is known to take a
/// password typed in.
pub struct Input {
    source: Source,
    secret: Option<Secret>,
    /// A chosen password's hash, started at once with the hashing most
    /// applications take ([`hashing::likely_hashing`]).
    early: Option<PendingHash>,
}

impl Input {
    /// Reads and checks the password now, before the registry is opened,
    /// so that bad input touches nothing (except from the prompt: see
    /// [`Input`]); what reading it warns of is told to `console`.
    pub fn read(source: Source, request: &Request, console: &dyn Console) -> Result<Input> {
        request.check()?;
        if source == Source::Prompt {
            return Ok(Input {
                source,
                secret: None,
                early: None,
            });
        }
        let secret = source::read(&source, console)?;
        // A generated secret is as likely a fast-auth application's, whose
        // hash is cheap: only a chosen one is worth hashing this early.
        let early = match secret.origin() {
            Origin::Chosen => {
                hashing::likely_hashing(request).map(|h| PendingHash::start(&secret, h))
            }
            Origin::Generated { .. } => None,
        };
        Ok(Input {
            source,
            secret: Some(secret),
            early,
        })
    }

    /// Whether the password is one authgate generates.
    pub fn origin(&self) -> Origin {
        self.source.origin()
    }
}

/// What a credential's application accepts for a new password, found
/// before it is read; [`Accepted::take`] takes it.
pub struct Accepted {
    /// What the credential serves, as the request cost names it: an app
    /// name, or a shared credential's scope.
    serves: String,
    /// What a chosen password must not resemble: the username the
    /// credential will have, and the names of what it serves.
    inputs: Vec<String>,
    hashing: Hashing,
    allow_weak: bool,
    /// A shared credential's.
    shared: bool,
}

impl Accepted {
    /// What `app` accepts for a password of `origin` for `username`, or why
    /// not (a chosen password in a fast-auth application, a scheme or cost
    /// it does not take).
    pub(crate) fn of(
        conn: &Connection,
        app: Application,
        username: &str,
        origin: Origin,
        request: Request,
    ) -> Result<Accepted> {
        request.check()?;
        let hashing = hashing::hashing(conn, &app, origin, request)?;
        let mut inputs = vec![username.to_string(), app.app_name.clone(), app.name.clone()];
        inputs.extend(app.domains);
        Ok(Accepted {
            serves: app.app_name,
            inputs,
            hashing,
            allow_weak: request.allow_weak,
            shared: false,
        })
    }

    /// What a credential shared by `scope` (described), which the
    /// applications `apps` accept, takes: always bcrypt, since every
    /// application checks it as one of its own users and none is given a
    /// fast hash it did not ask for.
    pub(crate) fn shared(
        conn: &Connection,
        scope: String,
        apps: &[Application],
        username: &str,
        request: Request,
    ) -> Result<Accepted> {
        request.check()?;
        let hashing = hashing::shared_hashing(conn, request)?;
        let mut inputs = vec![username.to_string()];
        for app in apps {
            inputs.extend([app.app_name.clone(), app.name.clone()]);
            inputs.extend(app.domains.iter().cloned());
        }
        Ok(Accepted {
            serves: format!("each application of {scope}"),
            inputs,
            hashing,
            allow_weak: request.allow_weak,
            shared: true,
        })
    }

    /// Takes the secret (asking for it now if it comes from the prompt),
    /// judges a chosen one against the installation's strength policy (a
    /// generated one needs no judging, and is shown once), and has it
    /// hashed: bcrypt goes on on another thread (started by [`Input::read`]
    /// when it guessed the hashing right) while the command goes on, until
    /// [`Taken::made`] before the write lock. A refused
    /// password's hash is thrown away.
    pub fn take(self, session: &Session, input: Input, console: &dyn Console) -> Result<Taken> {
        let (secret, early) = match input.secret {
            Some(secret) => (secret, input.early),
            None => (source::read(&input.source, console)?, None),
        };
        let hash = match early {
            Some(early) if early.hashing() == self.hashing => early,
            _ => PendingHash::start(&secret, self.hashing),
        };
        // With the policy at 0 there is nothing to judge.
        let min_score = if secret.is_generated() {
            0
        } else {
            strength::min_score(session.conn())?
        };
        let mut weak = false;
        if min_score > 0 {
            let inputs: Vec<&str> = self.inputs.iter().map(String::as_str).collect();
            let judged = strength::strength(secret.expose(), &inputs);
            weak = strength::check_strength(&judged, min_score, self.allow_weak)?;
            if weak {
                console.tell(&Advice::Warning(format!(
                    "the password scores {} of 4 and this installation requires {min_score}: --allow-weak lets it through this once, and the audit log records it",
                    judged.score
                )));
            }
        }
        if self.hashing == Hashing::Apr1 {
            console.tell(&Advice::Warning(
                "APR1 is based on MD5, which is fast to brute-force: prefer bcrypt unless an old tool needs APR1".into(),
            ));
        }
        Ok(Taken {
            hash,
            weak,
            secret,
            serves: self.serves,
            shared: self.shared,
        })
    }
}

/// A password taken and judged, its hash still being made: [`Taken::made`]
/// waits for it.
pub struct Taken {
    hash: PendingHash,
    /// As [`NewPassword::weak`].
    weak: bool,
    secret: Secret,
    /// What the credential serves: an app name, or a shared credential's
    /// scope.
    serves: String,
    /// A shared credential's: no fast-auth way out to offer.
    shared: bool,
}

impl Taken {
    /// Waits for the hash (before the write lock).
    pub fn made(self) -> Result<Made> {
        let password = NewPassword {
            hash: self.hash.wait()?,
            weak: self.weak,
        };
        let cost = password.cost();
        let request_cost = if self.shared {
            cost.request_cost_alone(&self.serves)
        } else {
            cost.request_cost(&self.serves)
        }
        .map(Advice::Cost);
        Ok(Made {
            password,
            secret: self.secret,
            request_cost,
        })
    }
}

/// A password taken and hashed: what to store, and the secret (a generated
/// one is shown once).
pub struct Made {
    pub password: NewPassword,
    pub secret: Secret,
    /// For a chosen password hashed with bcrypt: what Traefik will spend
    /// verifying it on every request, to tell once the credential is
    /// written.
    pub request_cost: Option<Advice>,
}

/// Something to tell the operator about a new password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advice {
    /// A risk the operator takes.
    Warning(String),
    /// Information, silenced by `--quiet`.
    Note(String),
    /// What a choice costs, such as Traefik's CPU time on every request.
    Cost(String),
}
