//! The command line's words for what would mend an error: the domain names
//! a remedy, this says which flag or command does it.

use authgate::error::Remedy;

/// The hint to print under an error that names a remedy.
pub(crate) fn say(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::DomainsWithUpstreams => {
            "give --domain and --upstream together, or neither for a router defined elsewhere"
        }
        Remedy::RoutingNeedsDomains => {
            "--tls, --cert-resolver and --entrypoint apply only with --domain and --upstream"
        }
        Remedy::AccessRulesNeedRouting => {
            "--public-path, --protect-path, --trusted-network and --allow-preflight apply only with --domain and --upstream; `app update` clears them with --clear-public-paths, --clear-protect-paths, --clear-trusted-networks and --no-allow-preflight"
        }
        Remedy::OnePathRule => {
            "give --public-path or --protect-path, not both; `app update` switches with --clear-public-paths or --clear-protect-paths"
        }
        Remedy::ApplicationChange => {
            "give at least one of --app-name, --name, --domain, --upstream, --entrypoint, --tls, --cert-resolver, --realm, --public-path, --protect-path, --trusted-network, --allow-preflight, --no-allow-preflight, --fast-auth, --no-fast-auth, --private, --no-private or a --clear-* flag"
        }
        Remedy::CredentialChange => {
            "give --new-username and/or a password source (--password-stdin, --password-file, --password-env, --generate)"
        }
        Remedy::GeneratedLength => "choose another --length",
        Remedy::SmallerAge => "give a smaller --older-than",
        Remedy::ReplaceExisting => "use --replace to overwrite their hashes",
        Remedy::ExplicitLocations => "pass --db and --traefik-dir explicitly",
        Remedy::TraefikDirectory => "pass --traefik-dir",
        Remedy::CreateTraefikDirectory => {
            "create it, or point --traefik-dir / AUTHGATE_TRAEFIK_DIR at the directory Traefik watches"
        }
        Remedy::OtherCredentialsFile => {
            "remove it, or pass --credentials-file PATH to write the new key elsewhere"
        }
        Remedy::SinkPasswordSource => "give the password with --password-file or --password-env",
        Remedy::ApiKey => {
            "pass --api-key-file PATH, set AUTHGATE_API_KEY, or keep the key written by `authgate init` in the credentials file"
        }
        Remedy::ChooseOrganization => "run `authgate org switch NAME` or pass --org NAME",
        Remedy::StrongerPassword => {
            "use --generate for a strong random password, or --allow-weak to accept this one once (it is audited)"
        }
        Remedy::ExpiryInFuture => "give --expires-in DURATION (30d) or a future --expires-at TIME",
        Remedy::InitFirst => {
            "run `authgate init` first, or point --db / AUTHGATE_DB at an existing one"
        }
        Remedy::OverwriteBackup => "choose another PATH, or pass --force to replace the file",
        Remedy::GenerateSecret => {
            "use --generate (printed once); for passwords people type, switch the application with `authgate app update APP --no-fast-auth --rotate`"
        }
        Remedy::FastAuthLength => "give --length 22 or more, or leave it out (24)",
        Remedy::FastAuthScheme => "leave out --hash and --cost",
        Remedy::FastAuthImport => {
            "give each user a generated secret with `authgate create --app APP --username NAME --generate`, or switch the application with `authgate app update APP --no-fast-auth --rotate` first"
        }
        Remedy::RotateToSwitch => {
            "add --rotate to give every credential a new generated password, printed once; its clients must then use the new ones"
        }
        Remedy::ReleaseName => {
            "choose another --app-name, or ask an installation owner to free the name with `authgate app release-name NAME`"
        }
        Remedy::ForceGiveUpName => {
            "remove the middleware from those routers first, or pass --force to give the name up anyway (audited; the name stays reserved to your organization)"
        }
    }
}
