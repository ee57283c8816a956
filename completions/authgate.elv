
use builtin;
use str;

set edit:completion:arg-completer[authgate] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'authgate'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'authgate'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the registry, the first organization and owner, and the Traefik directory'
            cand create 'Add a credential to an application'
            cand show 'Show a credential'
            cand update 'Change a credential''s password, username and/or expiry'
            cand delete 'Delete a credential'
            cand list 'List credentials'
            cand import 'Import credentials from an htpasswd file, keeping their hashes'
            cand export 'Print an application''s credentials as htpasswd, Traefik YAML or JSON'
            cand verify 'Check a password against a credential''s stored hash (exit 6 on mismatch)'
            cand check 'Report drift between the Traefik directory (and Redis sinks) and the database'
            cand expire 'Withdraw expired credentials from Traefik (for cron)'
            cand sync 'Rewrite the Traefik directory (and Redis sinks) from the database'
            cand backup 'Write a consistent snapshot of the registry to a file (installation owners)'
            cand restore 'Replace the registry''s content with a snapshot from `backup` (installation owners)'
            cand app 'Manage applications'
            cand org 'Manage organizations'
            cand user 'Manage users of the active organization'
            cand member 'Change members'' roles, or remove members'
            cand apikey 'Manage your API keys'
            cand settings 'Show or change the registry''s settings'
            cand sink 'Publish to Redis for several Traefik nodes, beside the directory'
            cand audit 'List audit events, prune them, or report failed logins from Traefik''s access log'
            cand completions 'Print shell completions for bash, zsh, fish, elvish or powershell'
            cand install-docs 'Install the man pages and the bash, zsh and fish completions where man and the shells look'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;init'= {
            cand --user 'Name of the owner user [default: $USER, else "admin"]'
            cand --credentials-file 'Where to write the owner''s API key [default: $XDG_CONFIG_HOME/authgate/credentials]'
            cand --cost 'Default bcrypt cost for new hashes'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;create'= {
            cand --app 'Application id or app name'
            cand --username 'Username (no '':'', no control characters, no surrounding spaces)'
            cand --password-file 'Read the password from a file of one line (its trailing newline and a leading byte order mark are dropped)'
            cand --password-env 'Read the password from an environment variable'
            cand --password 'The password itself (visible to other users in the process list: prefer the other sources)'
            cand --length 'Length of a generated password (at least 22 in a fast-auth application)'
            cand --cost 'bcrypt cost, at most the installation''s max-bcrypt-cost (14 unless raised) [default: the registry''s setting, 10 unless chosen at init]'
            cand --hash 'Hash scheme: bcrypt, or apr1 (Apache MD5, weak: only for old tools) [default: bcrypt; {SHA} in a fast-auth application, which takes neither]'
            cand --expires-in 'Expire after this long: 30d, 12h, 90m (expired credentials are never published)'
            cand --expires-at 'Expire at this time: RFC 3339, such as 2027-01-31T00:00:00Z'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --password-stdin 'Read the password from stdin: one line (its trailing newline and a leading byte order mark are dropped)'
            cand --generate 'Generate a random password and print it once'
            cand --allow-weak 'Accept a chosen password below the installation''s min-password-score, once (audited)'
            cand --dry-run 'Print the changes it would make to Traefik''s files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;show'= {
            cand --app 'Application id or app name'
            cand --username 'Username within the application'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --show-hash 'Also print the stored hash (needs the right to change the credential)'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;update'= {
            cand --app 'Application id or app name'
            cand --username 'Username within the application'
            cand --new-username 'Rename the credential'
            cand --password-file 'Read the password from a file of one line (its trailing newline and a leading byte order mark are dropped)'
            cand --password-env 'Read the password from an environment variable'
            cand --password 'The password itself (visible to other users in the process list: prefer the other sources)'
            cand --length 'Length of a generated password (at least 22 in a fast-auth application)'
            cand --cost 'bcrypt cost, at most the installation''s max-bcrypt-cost (14 unless raised) [default: the registry''s setting, 10 unless chosen at init]'
            cand --hash 'Hash scheme: bcrypt, or apr1 (Apache MD5, weak: only for old tools) [default: bcrypt; {SHA} in a fast-auth application, which takes neither]'
            cand --expires-in 'Expire after this long: 30d, 12h, 90m (expired credentials are never published)'
            cand --expires-at 'Expire at this time: RFC 3339, such as 2027-01-31T00:00:00Z'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --password-stdin 'Read the password from stdin: one line (its trailing newline and a leading byte order mark are dropped)'
            cand --generate 'Generate a random password and print it once'
            cand --allow-weak 'Accept a chosen password below the installation''s min-password-score, once (audited)'
            cand --no-expiry 'Never expire (clears --expires-in / --expires-at given before)'
            cand --dry-run 'Print the changes it would make to Traefik''s files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;delete'= {
            cand --app 'Application id or app name'
            cand --username 'Username within the application'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --ignore-not-found 'Exit 0 when the credential does not exist'
            cand --dry-run 'Print the changes it would make to Traefik''s files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;list'= {
            cand --app 'Only this application (id or app name)'
            cand --older-than 'Only credentials not updated for this long (e.g. 90d, 12h)'
            cand --expiring 'Only credentials that expire within this long, or have expired (e.g. 7d)'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --expired 'Only credentials that have expired (never published again)'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;import'= {
            cand --app 'Application id or app name'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --replace 'Overwrite the hashes of usernames that already exist'
            cand --dry-run 'Print the changes it would make to Traefik''s files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;export'= {
            cand --app 'Application id or app name'
            cand --format 'Output format'
            cand --out 'Write to this file (mode 0600, replaced atomically) instead of stdout'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;verify'= {
            cand --app 'Application id or app name'
            cand --username 'Username within the application'
            cand --password-file 'Read the password from a file of one line (its trailing newline and a leading byte order mark are dropped)'
            cand --password-env 'Read the password from an environment variable'
            cand --password 'The password itself (visible to other users in the process list: prefer the other sources)'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --password-stdin 'Read the password from stdin: one line (its trailing newline and a leading byte order mark are dropped)'
            cand --generate 'Generate a random password and print it once'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;check'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;expire'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --dry-run 'Print the changes it would make to Traefik''s files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;sync'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --dry-run 'Print what would be repaired in the Traefik files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;backup'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --force 'Replace PATH if it exists'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;restore'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;app'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Register an application'
            cand list 'List applications'
            cand show 'Show an application'
            cand update 'Change an application'
            cand remove 'Remove an application with its credentials and its Traefik file'
            cand grant 'Allow a member or viewer to use an application'
            cand revoke 'Withdraw a member''s or viewer''s access to an application'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;app;add'= {
            cand --app-name 'Slug used for Traefik names and the file name; unique across all organizations'
            cand --name 'Display name [default: the app name]'
            cand --project 'Project, created in the active organization when missing'
            cand --environment 'Environment, created in the project when missing'
            cand --domain 'Host name routed to the application (repeatable)'
            cand --upstream 'Upstream URL, http or https (repeatable)'
            cand --entrypoint 'Traefik entry point (repeatable)'
            cand --cert-resolver 'Certificate resolver (implies --tls)'
            cand --realm 'Realm shown in the browser''s login dialog [default: the app name]'
            cand --public-path 'Requests for this path and below skip authentication (repeatable; /static matches /static and /static/..., not /staticfiles)'
            cand --protect-path 'Only requests whose path starts with this prefix need authentication, the rest of the site is public (repeatable; compared case-insensitively, so /admin also covers /Admin and /administrator)'
            cand --trusted-network 'Clients connecting from this network (CIDR or single address, IPv4 or IPv6) skip authentication (repeatable; the address Traefik''s connection comes from, never X-Forwarded-For)'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --tls 'Serve the router over TLS'
            cand --fast-auth 'Fast authentication, for machine clients: every credential is a secret authgate generates (--generate, at least 22 characters), stored as {SHA}, which Traefik checks in microseconds instead of milliseconds of bcrypt on every request'
            cand --private 'Closed until its first credential: Traefik answers 401 to everyone instead of serving it publicly, and again once its last credential is deleted'
            cand --allow-preflight 'OPTIONS requests (CORS preflights) skip authentication'
            cand --dry-run 'Print the changes it would make to Traefik''s files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;app;list'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;app;show'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;app;update'= {
            cand --app-name 'New app name (renames the Traefik resources and file)'
            cand --name 'New display name'
            cand --domain 'Replace the domains (repeatable)'
            cand --upstream 'Replace the upstreams (repeatable)'
            cand --entrypoint 'Replace the entry points (repeatable)'
            cand --cert-resolver 'Certificate resolver (implies TLS)'
            cand --realm 'New realm'
            cand --public-path 'Requests for this path and below skip authentication (repeatable; /static matches /static and /static/..., not /staticfiles)'
            cand --protect-path 'Only requests whose path starts with this prefix need authentication, the rest of the site is public (repeatable; compared case-insensitively, so /admin also covers /Admin and /administrator)'
            cand --trusted-network 'Clients connecting from this network (CIDR or single address, IPv4 or IPv6) skip authentication (repeatable; the address Traefik''s connection comes from, never X-Forwarded-For)'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --clear-routing 'Remove domains, upstreams, entry points and TLS: routing is defined elsewhere'
            cand --tls 'Serve over TLS'
            cand --no-tls 'Do not use TLS'
            cand --clear-realm 'Use the app name as realm again'
            cand --fast-auth 'Turn fast authentication on: only generated secrets, stored as {SHA} (with credentials, needs --rotate)'
            cand --no-fast-auth 'Turn fast authentication off: passwords of any source, hashed with bcrypt (with credentials, needs --rotate)'
            cand --rotate 'With --fast-auth or --no-fast-auth: give every credential a new generated password, hashed for the new scheme (bcrypt at the registry''s cost), in the same change; each is printed once (with -q: its securityId, a tab, the password)'
            cand --private 'Make it private: without credentials Traefik answers 401 to everyone instead of serving it publicly'
            cand --no-private 'Not private: without credentials it is served publicly (managed routing) or has no middleware'
            cand --allow-preflight 'OPTIONS requests (CORS preflights) skip authentication'
            cand --clear-public-paths 'Remove every public path'
            cand --clear-protect-paths 'Remove every protected path: the whole site needs authentication again'
            cand --clear-trusted-networks 'Remove every trusted network'
            cand --no-allow-preflight 'OPTIONS requests need authentication again'
            cand --dry-run 'Print the changes it would make to Traefik''s files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;app;remove'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -y 'Do not ask for confirmation on a terminal'
            cand --yes 'Do not ask for confirmation on a terminal'
            cand --dry-run 'Print the changes it would make to Traefik''s files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;app;grant'= {
            cand --user 'The member''s user name'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --dry-run 'Print the changes it would make to Traefik''s files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;app;revoke'= {
            cand --user 'The member''s user name'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --dry-run 'Print the changes it would make to Traefik''s files and Redis keys, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;app;help'= {
            cand add 'Register an application'
            cand list 'List applications'
            cand show 'Show an application'
            cand update 'Change an application'
            cand remove 'Remove an application with its credentials and its Traefik file'
            cand grant 'Allow a member or viewer to use an application'
            cand revoke 'Withdraw a member''s or viewer''s access to an application'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;app;help;add'= {
        }
        &'authgate;app;help;list'= {
        }
        &'authgate;app;help;show'= {
        }
        &'authgate;app;help;update'= {
        }
        &'authgate;app;help;remove'= {
        }
        &'authgate;app;help;grant'= {
        }
        &'authgate;app;help;revoke'= {
        }
        &'authgate;app;help;help'= {
        }
        &'authgate;org'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create an organization; you become its owner'
            cand list 'List the organizations you belong to'
            cand switch 'Make an organization your active one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;org;create'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;org;list'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;org;switch'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;org;help'= {
            cand create 'Create an organization; you become its owner'
            cand list 'List the organizations you belong to'
            cand switch 'Make an organization your active one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;org;help;create'= {
        }
        &'authgate;org;help;list'= {
        }
        &'authgate;org;help;switch'= {
        }
        &'authgate;org;help;help'= {
        }
        &'authgate;user'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a user in the active organization and print its API key once'
            cand list 'List the active organization''s users and roles'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;user;create'= {
            cand --role 'Role in the active organization: owner, admin, member or viewer'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;user;list'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;user;help'= {
            cand create 'Create a user in the active organization and print its API key once'
            cand list 'List the active organization''s users and roles'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;user;help;create'= {
        }
        &'authgate;user;help;list'= {
        }
        &'authgate;user;help;help'= {
        }
        &'authgate;member'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set-role 'Change a member''s role in the active organization'
            cand remove 'Remove a member (and their grants) from the active organization'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;member;set-role'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;member;remove'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;member;help'= {
            cand set-role 'Change a member''s role in the active organization'
            cand remove 'Remove a member (and their grants) from the active organization'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;member;help;set-role'= {
        }
        &'authgate;member;help;remove'= {
        }
        &'authgate;member;help;help'= {
        }
        &'authgate;apikey'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create an API key for yourself and print it once'
            cand list 'List your API keys (never their secrets)'
            cand revoke 'Revoke an API key by its key id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;apikey;create'= {
            cand --name 'A name to recognise the key by'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;apikey;list'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;apikey;revoke'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;apikey;help'= {
            cand create 'Create an API key for yourself and print it once'
            cand list 'List your API keys (never their secrets)'
            cand revoke 'Revoke an API key by its key id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;apikey;help;create'= {
        }
        &'authgate;apikey;help;list'= {
        }
        &'authgate;apikey;help;revoke'= {
        }
        &'authgate;apikey;help;help'= {
        }
        &'authgate;settings'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Show the registry''s settings (installation owners only)'
            cand set 'Change a setting (installation owners only): traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score or file-mode'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;settings;list'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;settings;set'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;settings;help'= {
            cand list 'Show the registry''s settings (installation owners only)'
            cand set 'Change a setting (installation owners only): traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score or file-mode'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;settings;help;list'= {
        }
        &'authgate;settings;help;set'= {
        }
        &'authgate;settings;help;help'= {
        }
        &'authgate;sink'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Publish every application also to a Redis server that Traefik''s Redis provider reads'
            cand list 'List the configured sinks (installation owners only)'
            cand remove 'Stop publishing to a sink'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;sink;add'= {
            cand --root-key 'Traefik''s providers.redis.rootKey'
            cand --name 'A name for the sink [default: redis-HOST-PORT]'
            cand --password-file 'Read the Redis password from this file at each use'
            cand --password-env 'Read the Redis password from this environment variable at each use'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;sink;list'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;sink;remove'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --purge 'Also delete the keys authgate wrote there (Traefik then drops those routes)'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;sink;help'= {
            cand add 'Publish every application also to a Redis server that Traefik''s Redis provider reads'
            cand list 'List the configured sinks (installation owners only)'
            cand remove 'Stop publishing to a sink'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;sink;help;add'= {
        }
        &'authgate;sink;help;list'= {
        }
        &'authgate;sink;help;remove'= {
        }
        &'authgate;sink;help;help'= {
        }
        &'authgate;audit'= {
            cand --app 'Only events on this application (id or app name; the id or app name of a removed one works too)'
            cand --user 'Only events by this user (name)'
            cand --action 'Only this action (e.g. security.update, app.remove, member.set_role)'
            cand --outcome 'Only this outcome'
            cand --since 'Only events at or after this time: RFC 3339, a date, or a duration ago (24h, 7d)'
            cand --until 'Only events at or before this time: RFC 3339, a date, or a duration ago'
            cand --limit 'At most this many events, newest first (0: all)'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand prune 'Delete the active organization''s events older than a given age (owners only)'
            cand failures 'Report failed logins (HTTP 401) on your applications from Traefik JSON access logs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;audit;prune'= {
            cand --older-than 'Delete events older than this: a duration (365d) or an RFC 3339 time'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --dry-run 'Print how many events would be deleted, change nothing'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;audit;failures'= {
            cand --access-log 'Traefik JSON access log files, plain or .gz; `-` for stdin'
            cand --app 'Only this application (id or app name)'
            cand --since 'Only requests that started at or after this time: RFC 3339, a date, or a duration ago'
            cand --until 'Only requests that started at or before this time'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --include-challenges 'Count 401 challenges (requests without credentials, as a browser first sends) as failed logins too'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;audit;help'= {
            cand prune 'Delete the active organization''s events older than a given age (owners only)'
            cand failures 'Report failed logins (HTTP 401) on your applications from Traefik JSON access logs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;audit;help;prune'= {
        }
        &'authgate;audit;help;failures'= {
        }
        &'authgate;audit;help;help'= {
        }
        &'authgate;completions'= {
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;install-docs'= {
            cand --prefix 'Install the man pages under DIR/share/man/man1 [default: the parent of the directory authgate runs from: ~/.cargo for ~/.cargo/bin/authgate]'
            cand --db 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]'
            cand --traefik-dir 'Traefik''s watched directory [default: the one chosen at init]'
            cand --api-key-file 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)'
            cand --org 'Act in this organization instead of the active one (with init: the first organization''s name)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand -q 'Print only ids, one per line'
            cand --quiet 'Print only ids, one per line'
            cand --no-warnings 'With --quiet, also silence warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'authgate;help'= {
            cand init 'Create the registry, the first organization and owner, and the Traefik directory'
            cand create 'Add a credential to an application'
            cand show 'Show a credential'
            cand update 'Change a credential''s password, username and/or expiry'
            cand delete 'Delete a credential'
            cand list 'List credentials'
            cand import 'Import credentials from an htpasswd file, keeping their hashes'
            cand export 'Print an application''s credentials as htpasswd, Traefik YAML or JSON'
            cand verify 'Check a password against a credential''s stored hash (exit 6 on mismatch)'
            cand check 'Report drift between the Traefik directory (and Redis sinks) and the database'
            cand expire 'Withdraw expired credentials from Traefik (for cron)'
            cand sync 'Rewrite the Traefik directory (and Redis sinks) from the database'
            cand backup 'Write a consistent snapshot of the registry to a file (installation owners)'
            cand restore 'Replace the registry''s content with a snapshot from `backup` (installation owners)'
            cand app 'Manage applications'
            cand org 'Manage organizations'
            cand user 'Manage users of the active organization'
            cand member 'Change members'' roles, or remove members'
            cand apikey 'Manage your API keys'
            cand settings 'Show or change the registry''s settings'
            cand sink 'Publish to Redis for several Traefik nodes, beside the directory'
            cand audit 'List audit events, prune them, or report failed logins from Traefik''s access log'
            cand completions 'Print shell completions for bash, zsh, fish, elvish or powershell'
            cand install-docs 'Install the man pages and the bash, zsh and fish completions where man and the shells look'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'authgate;help;init'= {
        }
        &'authgate;help;create'= {
        }
        &'authgate;help;show'= {
        }
        &'authgate;help;update'= {
        }
        &'authgate;help;delete'= {
        }
        &'authgate;help;list'= {
        }
        &'authgate;help;import'= {
        }
        &'authgate;help;export'= {
        }
        &'authgate;help;verify'= {
        }
        &'authgate;help;check'= {
        }
        &'authgate;help;expire'= {
        }
        &'authgate;help;sync'= {
        }
        &'authgate;help;backup'= {
        }
        &'authgate;help;restore'= {
        }
        &'authgate;help;app'= {
            cand add 'Register an application'
            cand list 'List applications'
            cand show 'Show an application'
            cand update 'Change an application'
            cand remove 'Remove an application with its credentials and its Traefik file'
            cand grant 'Allow a member or viewer to use an application'
            cand revoke 'Withdraw a member''s or viewer''s access to an application'
        }
        &'authgate;help;app;add'= {
        }
        &'authgate;help;app;list'= {
        }
        &'authgate;help;app;show'= {
        }
        &'authgate;help;app;update'= {
        }
        &'authgate;help;app;remove'= {
        }
        &'authgate;help;app;grant'= {
        }
        &'authgate;help;app;revoke'= {
        }
        &'authgate;help;org'= {
            cand create 'Create an organization; you become its owner'
            cand list 'List the organizations you belong to'
            cand switch 'Make an organization your active one'
        }
        &'authgate;help;org;create'= {
        }
        &'authgate;help;org;list'= {
        }
        &'authgate;help;org;switch'= {
        }
        &'authgate;help;user'= {
            cand create 'Create a user in the active organization and print its API key once'
            cand list 'List the active organization''s users and roles'
        }
        &'authgate;help;user;create'= {
        }
        &'authgate;help;user;list'= {
        }
        &'authgate;help;member'= {
            cand set-role 'Change a member''s role in the active organization'
            cand remove 'Remove a member (and their grants) from the active organization'
        }
        &'authgate;help;member;set-role'= {
        }
        &'authgate;help;member;remove'= {
        }
        &'authgate;help;apikey'= {
            cand create 'Create an API key for yourself and print it once'
            cand list 'List your API keys (never their secrets)'
            cand revoke 'Revoke an API key by its key id'
        }
        &'authgate;help;apikey;create'= {
        }
        &'authgate;help;apikey;list'= {
        }
        &'authgate;help;apikey;revoke'= {
        }
        &'authgate;help;settings'= {
            cand list 'Show the registry''s settings (installation owners only)'
            cand set 'Change a setting (installation owners only): traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score or file-mode'
        }
        &'authgate;help;settings;list'= {
        }
        &'authgate;help;settings;set'= {
        }
        &'authgate;help;sink'= {
            cand add 'Publish every application also to a Redis server that Traefik''s Redis provider reads'
            cand list 'List the configured sinks (installation owners only)'
            cand remove 'Stop publishing to a sink'
        }
        &'authgate;help;sink;add'= {
        }
        &'authgate;help;sink;list'= {
        }
        &'authgate;help;sink;remove'= {
        }
        &'authgate;help;audit'= {
            cand prune 'Delete the active organization''s events older than a given age (owners only)'
            cand failures 'Report failed logins (HTTP 401) on your applications from Traefik JSON access logs'
        }
        &'authgate;help;audit;prune'= {
        }
        &'authgate;help;audit;failures'= {
        }
        &'authgate;help;completions'= {
        }
        &'authgate;help;install-docs'= {
        }
        &'authgate;help;help'= {
        }
    ]
    $completions[$command]
}
