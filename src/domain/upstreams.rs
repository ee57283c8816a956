//! Upstreams have an owner. An upstream address and port that an
//! application of one organization uses is refused to every other
//! organization: otherwise a tenant routes a host of its own to another
//! tenant's backend, and serves it without that tenant's credentials.
//! Addresses are compared, not spellings: the scheme does not matter, IP
//! literals are canonical (IPv4-mapped IPv6 as IPv4), default ports are
//! explicit, and every loopback spelling (127.0.0.0/8, `::1`, `0.0.0.0`,
//! `::`, `localhost`) is one host.
//!
//! Organizations other than the installation organization may not reach
//! this machine (loopback, unspecified) or link-local addresses (cloud
//! metadata services): Traefik's own API and entry points listen there, and
//! other tenants' backends in a single-host setup. An installation owner
//! can allow networks for an organization. A hostname upstream of such an
//! organization is resolved when it is claimed, and each address it
//! resolves to is checked too.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, ToSocketAddrs};
use std::sync::mpsc;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::auth;
use crate::domain::session::Session;
use crate::domain::validate::{self, printable};
use crate::error::{Error, Result};
use crate::store::applications::{self, Application};
use crate::store::audit::Event;
use crate::store::{settings, tenancy};

/// How long a hostname upstream may take to resolve when it is claimed.
pub const RESOLVE_TIMEOUT: Duration = Duration::from_secs(2);

/// How many networks one organization may be allowed.
const MAX_ALLOWED_NETWORKS: usize = 32;

/// The host part of an upstream, as ownership compares it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Host {
    /// This machine, however it is spelled.
    Loopback,
    Ip(IpAddr),
    /// A hostname, lowercase, without a trailing dot.
    Name(String),
}

/// An upstream's address and port, as ownership compares them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address {
    pub host: Host,
    pub port: u16,
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.host {
            Host::Loopback => write!(f, "loopback port {}", self.port),
            Host::Ip(IpAddr::V6(v6)) => write!(f, "[{v6}]:{}", self.port),
            Host::Ip(ip) => write!(f, "{ip}:{}", self.port),
            Host::Name(name) => write!(f, "{name}:{}", self.port),
        }
    }
}

/// An upstream URL, parsed for ownership.
struct Parsed {
    address: Address,
    /// The addresses Traefik may connect to, where known without
    /// resolving: the IP literal, or both loopback addresses for `localhost`.
    known: Vec<IpAddr>,
}

/// IPv4-mapped IPv6 addresses as IPv4: one address, two spellings.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Loopback or unspecified: an address that reaches this machine (a
/// connection to `0.0.0.0` or `::` goes to the loopback interface).
fn is_this_machine(ip: IpAddr) -> bool {
    ip.is_loopback() || ip.is_unspecified()
}

fn host_of(ip: IpAddr) -> Host {
    let ip = canonical(ip);
    if is_this_machine(ip) {
        Host::Loopback
    } else {
        Host::Ip(ip)
    }
}

/// Names that reach this machine without asking DNS (RFC 6761).
fn is_loopback_name(name: &str) -> bool {
    name == "localhost" || name.ends_with(".localhost")
}

fn parse(upstream: &str) -> Option<Parsed> {
    let url = url::Url::parse(upstream).ok()?;
    let port = url.port_or_known_default()?;
    let (host, known) = match url.host()? {
        url::Host::Ipv4(v4) => (host_of(v4.into()), vec![IpAddr::V4(v4)]),
        url::Host::Ipv6(v6) => (host_of(v6.into()), vec![canonical(v6.into())]),
        url::Host::Domain(name) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            if is_loopback_name(&name) {
                (
                    Host::Loopback,
                    vec![Ipv4Addr::LOCALHOST.into(), Ipv6Addr::LOCALHOST.into()],
                )
            } else {
                (Host::Name(name), Vec::new())
            }
        }
    };
    Some(Parsed {
        address: Address { host, port },
        known,
    })
}

/// The address and port of a stored upstream, as ownership compares them;
/// `None` for a value today's input rules refuse.
pub fn address(upstream: &str) -> Option<Address> {
    parse(upstream).map(|p| p.address)
}

/// Why organizations other than the installation organization may not
/// reach `ip` unless allowed, if they may not.
fn refused_class(ip: IpAddr) -> Option<&'static str> {
    let ip = canonical(ip);
    if ip.is_unspecified() {
        return Some("the unspecified address, which reaches this machine");
    }
    if ip.is_loopback() {
        return Some("a loopback address, which reaches this machine");
    }
    let link_local = match ip {
        IpAddr::V4(v4) => v4.is_link_local(),
        IpAddr::V6(v6) => v6.segments()[0] & 0xffc0 == 0xfe80,
    };
    link_local.then_some("a link-local address, where cloud metadata services answer")
}

/// A network an installation owner allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Network {
    base: IpAddr,
    length: u8,
}

impl Network {
    /// Whether the network holds a refused address: allowing one that
    /// holds none would change nothing.
    fn holds_refused(self) -> bool {
        const REFUSED: [(&str, u8); 6] = [
            ("127.0.0.0", 8),
            ("0.0.0.0", 32),
            ("169.254.0.0", 16),
            ("::1", 128),
            ("::", 128),
            ("fe80::", 10),
        ];
        REFUSED.iter().any(|&(base, length)| {
            let base: IpAddr = base.parse().expect("a refused range");
            let shorter = length.min(self.length);
            base.is_ipv4() == self.base.is_ipv4()
                && validate::mask(base, shorter) == validate::mask(self.base, shorter)
        })
    }

    fn contains(self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        ip.is_ipv4() == self.base.is_ipv4() && validate::mask(ip, self.length) == self.base
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.base, self.length)
    }
}

/// Parses a network to allow: a CIDR or a single address, normalized.
fn network(value: &str) -> Result<Network> {
    let bad = |why: String| {
        Err(Error::bad_request(format!(
            "invalid upstream network '{}': {why}",
            printable(value)
        )))
    };
    let (address, length) = match value.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (value, None),
    };
    let Ok(ip) = address.parse::<IpAddr>() else {
        return bad(
            "it is not an IPv4 or IPv6 address or network (write 127.0.0.0/8, fd00::/8 or a single address)"
                .to_string(),
        );
    };
    let ip = canonical(ip);
    let max: u8 = if ip.is_ipv4() { 32 } else { 128 };
    let length = match length {
        None => max,
        Some(l) if !l.is_empty() && l.len() <= 3 && l.bytes().all(|b| b.is_ascii_digit()) => {
            match l.parse::<u8>() {
                Ok(n) if (1..=max).contains(&n) => n,
                _ => return bad(format!("the prefix length must be 1 to {max}")),
            }
        }
        Some(_) => {
            return bad(format!(
                "the prefix length must be a number from 1 to {max}"
            ));
        }
    };
    let base = validate::mask(ip, length);
    if base != ip {
        return bad(format!(
            "it has host bits set: write {base}/{length} for the network, or {ip} alone for that one address"
        ));
    }
    Ok(Network { base, length })
}

fn allowed_networks(conn: &Connection, org_id: &str) -> Result<Vec<Network>> {
    let key = format!("{}{org_id}", settings::UPSTREAM_NETWORKS);
    settings::get(conn, &key)?
        .unwrap_or_default()
        .split(',')
        .filter(|n| !n.is_empty())
        .map(network)
        .collect()
}

fn is_installation_org(conn: &Connection, org_id: &str) -> Result<bool> {
    Ok(auth::installation_org(conn)?.as_deref() == Some(org_id))
}

/// The addresses hostname upstreams resolved to when they were claimed,
/// by upstream. Made before the write lock is taken: resolving may take
/// seconds.
#[derive(Debug, Default)]
pub struct Resolved(HashMap<String, Vec<IpAddr>>);

/// Resolves the hostname upstreams among `upstreams` (normalized) when
/// `org_id` is not the installation organization, each within
/// [`RESOLVE_TIMEOUT`]. A name that does not resolve is refused: what it
/// would reach cannot be checked.
pub fn resolve(conn: &Connection, org_id: &str, upstreams: &[String]) -> Result<Resolved> {
    let mut resolved = Resolved::default();
    if is_installation_org(conn, org_id)? {
        return Ok(resolved);
    }
    for upstream in upstreams {
        let Some(Parsed {
            address:
                Address {
                    host: Host::Name(name),
                    port,
                },
            ..
        }) = parse(upstream)
        else {
            continue;
        };
        let addresses = lookup(&name, port).map_err(|why| {
            Error::bad_request(format!(
                "upstream '{}': its host '{name}' {why}; an upstream's addresses are checked when it is claimed (upstreams have an owner, and some addresses are refused)",
                printable(upstream)
            ))
        })?;
        resolved.0.insert(upstream.clone(), addresses);
    }
    Ok(resolved)
}

/// The addresses `name` resolves to, or why there are none.
/// `ToSocketAddrs` has no timeout: the lookup runs on a thread of its own,
/// which is left behind if it takes too long.
fn lookup(name: &str, port: u16) -> std::result::Result<Vec<IpAddr>, String> {
    let (tx, rx) = mpsc::channel();
    let target = (name.to_string(), port);
    std::thread::Builder::new()
        .name("resolve-upstream".into())
        .spawn(move || {
            let result = target
                .to_socket_addrs()
                .map(|addrs| addrs.map(|a| canonical(a.ip())).collect::<Vec<_>>());
            let _ = tx.send(result);
        })
        .map_err(|e| format!("could not be resolved: {e}"))?;
    match rx.recv_timeout(RESOLVE_TIMEOUT) {
        Ok(Ok(addresses)) if !addresses.is_empty() => Ok(addresses),
        Ok(Ok(_)) => Err("resolves to no address".to_string()),
        Ok(Err(e)) => Err(format!("could not be resolved: {e}")),
        Err(_) => Err(format!(
            "did not resolve within {} seconds",
            RESOLVE_TIMEOUT.as_secs()
        )),
    }
}

/// Refuses an application's upstreams when another organization uses
/// their address and port, or, outside the installation organization,
/// when they reach a refused address that no allowed network contains.
/// Runs inside the write transaction that stores the application, so that
/// no other claim interleaves. Also when the upstreams are not what
/// changes: an application that shares an upstream from before upstreams
/// had one owner must give it up before anything else about its routing
/// changes. The message is the same whoever holds the address.
pub fn claim(conn: &Connection, app: &Application, resolved: &Resolved) -> Result<()> {
    if app.upstreams.is_empty() {
        return Ok(());
    }
    let restricted = !is_installation_org(conn, &app.org_id)?;
    let allowed = if restricted {
        allowed_networks(conn, &app.org_id)?
    } else {
        Vec::new()
    };
    let owned: HashSet<Address> = applications::upstreams_with_org(conn)?
        .into_iter()
        .filter(|(org_id, _, _)| *org_id != app.org_id)
        .filter_map(|(_, _, upstream)| address(&upstream))
        .collect();
    for upstream in &app.upstreams {
        let Some(parsed) = parse(upstream) else {
            continue;
        };
        let port = parsed.address.port;
        let mut reached = parsed.known;
        reached.extend(resolved.0.get(upstream).into_iter().flatten().copied());
        if restricted {
            for &ip in &reached {
                if let Some(why) = refused_class(ip)
                    && !allowed.iter().any(|n| n.contains(ip))
                {
                    return Err(Error::host_taken(format!(
                        "upstream '{}' reaches {ip}, {why}: only the installation organization may route there, unless an installation owner allows a network that contains it for this organization",
                        printable(upstream)
                    )));
                }
            }
        }
        let addresses =
            std::iter::once(parsed.address.clone()).chain(reached.iter().map(|&ip| Address {
                host: host_of(ip),
                port,
            }));
        for address in addresses {
            if owned.contains(&address) {
                return Err(Error::host_taken(format!(
                    "upstream '{}' reaches {address}, which an application of another organization uses: an upstream address has one organization, so that no tenant serves another's backend under a host of its own",
                    printable(upstream)
                )));
            }
        }
    }
    Ok(())
}

/// What `check` reports about upstreams (a registry from before upstreams
/// had an owner can hold these).
pub struct Conflict {
    /// The application to name.
    pub app_name: String,
    /// Several organizations use the address (otherwise: a refused
    /// address).
    pub shared: bool,
    pub detail: String,
}

/// Upstream addresses that several organizations use, and upstreams of
/// organizations other than the installation organization that reach a
/// refused address no allowed network contains (literals only: hostnames
/// are resolved when claimed, not by `check`).
pub fn conflicts(conn: &Connection) -> Result<Vec<Conflict>> {
    let rows = applications::upstreams_with_org(conn)?;
    let installation = auth::installation_org(conn)?;
    // Each address's holders, each (organization, application) once: the
    // rows come in app-name order, so an application's repeats are the last
    // holder of their address.
    let mut by_address: BTreeMap<Address, Vec<(String, String)>> = BTreeMap::new();
    let mut allowed: HashMap<String, Vec<Network>> = HashMap::new();
    let mut found = Vec::new();
    for (org_id, app_name, upstream) in rows {
        let Some(parsed) = parse(&upstream) else {
            continue;
        };
        if installation.as_deref() != Some(org_id.as_str()) {
            if !allowed.contains_key(&org_id) {
                allowed.insert(org_id.clone(), allowed_networks(conn, &org_id)?);
            }
            let networks = &allowed[&org_id];
            if let Some((ip, why)) = parsed.known.iter().find_map(|&ip| {
                refused_class(ip)
                    .filter(|_| !networks.iter().any(|n| n.contains(ip)))
                    .map(|why| (ip, why))
            }) {
                found.push(Conflict {
                    app_name: app_name.clone(),
                    shared: false,
                    detail: format!(
                        "upstream '{}' reaches {ip}, {why}, and its organization is not the installation's and is allowed no network that contains it: change the application's upstreams, or allow a network for its organization",
                        printable(&upstream)
                    ),
                });
            }
        }
        let holders = by_address.entry(parsed.address).or_default();
        if holders
            .last()
            .is_none_or(|(org, app)| *org != org_id || *app != app_name)
        {
            holders.push((org_id, app_name));
        }
    }
    for (address, holders) in by_address {
        let orgs: HashSet<&str> = holders.iter().map(|(o, _)| o.as_str()).collect();
        if orgs.len() > 1 {
            let names: Vec<&str> = holders.iter().map(|(_, a)| a.as_str()).collect();
            found.push(Conflict {
                app_name: names[0].to_string(),
                shared: true,
                detail: format!(
                    "{address} is the upstream of applications of several organizations ({}): an upstream address has one organization; change the upstreams of all but one organization's applications",
                    names.join(", ")
                ),
            });
        }
    }
    Ok(found)
}

/// An organization's allowed upstream networks, as listed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllowedNetworks {
    pub org: String,
    pub networks: Vec<String>,
}

fn org_named(conn: &Connection, name: &str) -> Result<tenancy::Org> {
    tenancy::org_by_name(conn, name)?
        .ok_or_else(|| Error::not_found(format!("organization '{}' not found", printable(name))))
}

/// Allows (or with `remove`, no longer allows) `network` as upstreams of
/// the organization `org`, beyond what every organization may reach;
/// installation owners only, audited. Removing a network does not change
/// the applications that use it: `check` reports them. Returns the
/// organization's networks now.
pub fn allow(
    session: &mut Session,
    org: &str,
    network_given: &str,
    remove: bool,
) -> Result<AllowedNetworks> {
    let given = network(network_given)?;
    if !given.holds_refused() {
        return Err(Error::bad_request(format!(
            "{given} holds no loopback, unspecified or link-local address: every organization may already use it as upstreams (as long as no other organization does)"
        )));
    }
    let action = "org.allow-upstream";
    session.write(
        Event::new(action).target("organization", org),
        |m| {
            m.actor
                .require_installation_owner(m.conn(), "allow upstream networks")?;
            let target = org_named(m.conn(), org)?;
            if is_installation_org(m.conn(), &target.org_id)? {
                return Err(Error::bad_request(format!(
                    "'{}' is the installation organization, which may use every address as upstreams",
                    target.name
                )));
            }
            let mut networks = allowed_networks(m.conn(), &target.org_id)?;
            let had = networks.contains(&given);
            if remove {
                networks.retain(|n| *n != given);
            } else if !had {
                if networks.len() >= MAX_ALLOWED_NETWORKS {
                    return Err(Error::bad_request(format!(
                        "organization '{}' is already allowed {MAX_ALLOWED_NETWORKS} networks, the most it may have: remove one first",
                        target.name
                    )));
                }
                networks.push(given);
            }
            let key = format!("{}{}", settings::UPSTREAM_NETWORKS, target.org_id);
            let shown: Vec<String> = networks.iter().map(ToString::to_string).collect();
            if shown.is_empty() {
                settings::delete(m.conn(), &key)?;
            } else {
                settings::set(m.conn(), &key, &shown.join(","))?;
            }
            if had == remove {
                m.audit(
                    &Event::new(action)
                        .target("organization", &target.org_id)
                        .detail(format!(
                            "{} {given} as upstreams of organization '{}'",
                            if remove { "no longer allowed" } else { "allowed" },
                            target.name
                        )),
                )?;
            }
            Ok(AllowedNetworks {
                org: target.name,
                networks: shown,
            })
        },
    )
}

/// Every organization allowed upstream networks; installation owners only.
pub fn list_allowed(session: &Session) -> Result<Vec<AllowedNetworks>> {
    session.read(Event::new("org.upstream-networks"), |conn, actor| {
        actor.require_installation_owner(conn, "list allowed upstream networks")?;
        let mut listed = Vec::new();
        for (org_id, value) in settings::with_prefix(conn, settings::UPSTREAM_NETWORKS)? {
            let name: Option<String> = conn
                .query_row(
                    "SELECT name FROM organizations WHERE org_id = ?1",
                    [&org_id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(name) = name else {
                continue;
            };
            listed.push(AllowedNetworks {
                org: name,
                networks: value.split(',').map(str::to_string).collect(),
            });
        }
        listed.sort_by(|a, b| a.org.cmp(&b.org));
        Ok(listed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_compared_not_spellings() {
        let same = [
            "http://127.0.0.1:19001",
            "https://127.0.0.2:19001",
            "http://localhost:19001",
            "http://[::1]:19001",
            "http://0.0.0.0:19001",
            "http://[::]:19001",
            "http://[::ffff:127.0.0.1]:19001",
            "http://localhost.:19001",
        ];
        for u in same {
            assert_eq!(address(u), address("http://127.0.0.1:19001"), "{u}");
        }
        assert_eq!(address("https://10.0.0.5"), address("http://10.0.0.5:443"));
        assert_eq!(address("http://10.0.0.5"), address("https://10.0.0.5:80"));
        assert_ne!(address("http://10.0.0.5"), address("https://10.0.0.5"));
        assert_eq!(
            address("http://[::ffff:10.0.0.5]:3000"),
            address("http://10.0.0.5:3000")
        );
        assert_eq!(
            address("http://Backend.Internal.:3000"),
            address("https://backend.internal:3000")
        );
    }

    #[test]
    fn refused_classes() {
        for ip in [
            "127.0.0.1",
            "127.9.9.9",
            "::1",
            "0.0.0.0",
            "::",
            "169.254.169.254",
            "fe80::1",
            "febf::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(refused_class(ip.parse().unwrap()).is_some(), "{ip}");
        }
        for ip in [
            "10.0.0.5",
            "192.168.1.1",
            "2001:db8::1",
            "fec0::1",
            "8.8.8.8",
        ] {
            assert!(refused_class(ip.parse().unwrap()).is_none(), "{ip}");
        }
    }

    #[test]
    fn names_resolve_to_canonical_addresses_within_the_timeout() {
        let started = std::time::Instant::now();
        let addresses = lookup("localhost", 80).unwrap();
        assert!(
            addresses.iter().all(|ip| is_this_machine(*ip)),
            "{addresses:?}"
        );
        // RFC 6761: never resolves.
        assert!(lookup("backend.invalid", 80).is_err());
        assert!(started.elapsed() < 2 * RESOLVE_TIMEOUT + Duration::from_secs(1));
    }

    #[test]
    fn networks_are_normalized_and_contain_addresses() {
        let n = network("127.0.0.0/8").unwrap();
        assert!(n.contains("127.0.0.2".parse().unwrap()));
        assert!(n.contains("::ffff:127.0.0.2".parse().unwrap()));
        assert!(!n.contains("::1".parse().unwrap()));
        assert_eq!(
            network("::ffff:10.0.0.1").unwrap().to_string(),
            "10.0.0.1/32"
        );
        for held in [
            "127.0.0.0/8",
            "127.0.0.5",
            "0.0.0.0/1",
            "169.254.169.254",
            "::/1",
            "fe80::/64",
        ] {
            assert!(network(held).unwrap().holds_refused(), "{held}");
        }
        for free in [
            "10.0.0.0/8",
            "192.168.0.0/16",
            "2001:db8::/32",
            "::2",
            "fec0::/10",
        ] {
            assert!(!network(free).unwrap().holds_refused(), "{free}");
        }
        for bad in ["127.0.0.1/8", "0.0.0.0/0", "x", "10.0.0.0/33", "10.0.0.0/"] {
            assert!(network(bad).is_err(), "{bad}");
        }
    }
}
