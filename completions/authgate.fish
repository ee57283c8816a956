# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_authgate_global_optspecs
    string join \n db= traefik-dir= api-key-file= org= o/output= q/quiet no-warnings h/help V/version
end

function __fish_authgate_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_authgate_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_authgate_using_subcommand
    set -l cmd (__fish_authgate_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c authgate -n "__fish_authgate_needs_command" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_needs_command" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_needs_command" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_needs_command" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_needs_command" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_needs_command" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_needs_command" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "init" -d 'Create the registry, the first organization and owner, and the Traefik directory'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "create" -d 'Add a credential to an application'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "show" -d 'Show a credential'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "update" -d 'Change a credential\'s password, username and/or expiry'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "delete" -d 'Delete a credential'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "list" -d 'List credentials'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "import" -d 'Import credentials from an htpasswd file, keeping their hashes'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "export" -d 'Print an application\'s credentials as htpasswd, Traefik YAML or JSON'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "verify" -d 'Check a password against a credential\'s stored hash (exit 6 on mismatch)'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "check" -d 'Report drift between the Traefik directory (and Redis sinks) and the database'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "expire" -d 'Withdraw expired credentials from Traefik (for cron)'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "sync" -d 'Rewrite the Traefik directory (and Redis sinks) from the database'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "backup" -d 'Write a consistent snapshot of the registry to a file (installation owners)'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "restore" -d 'Replace the registry\'s content with a snapshot from `backup` (installation owners)'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "app" -d 'Manage applications'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "org" -d 'Manage organizations'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "user" -d 'Manage users of the active organization'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "member" -d 'Change members\' roles, or remove members'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "apikey" -d 'Manage your API keys'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "settings" -d 'Show or change the registry\'s settings'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "sink" -d 'Publish to Redis for several Traefik nodes, beside the directory'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "audit" -d 'List audit events, prune them, or report failed logins from Traefik\'s access log'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "completions" -d 'Print shell completions for bash, zsh, fish, elvish or powershell'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "install-docs" -d 'Install the man pages and the bash, zsh and fish completions where man and the shells look'
complete -c authgate -n "__fish_authgate_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand init" -l user -d 'Name of the owner user [default: $USER, else "admin"]' -r
complete -c authgate -n "__fish_authgate_using_subcommand init" -l credentials-file -d 'Where to write the owner\'s API key [default: $XDG_CONFIG_HOME/authgate/credentials]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand init" -l cost -d 'Default bcrypt cost for new hashes' -r
complete -c authgate -n "__fish_authgate_using_subcommand init" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand init" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand init" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand init" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand init" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand init" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand init" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand init" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand create" -l app -d 'Application id or app name' -r
complete -c authgate -n "__fish_authgate_using_subcommand create" -l username -d 'Username (no \':\', no control characters, no surrounding spaces)' -r
complete -c authgate -n "__fish_authgate_using_subcommand create" -l password-file -d 'Read the password from a file of one line (its trailing newline and a leading byte order mark are dropped)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand create" -l password-env -d 'Read the password from an environment variable' -r
complete -c authgate -n "__fish_authgate_using_subcommand create" -l password -d 'The password itself (visible to other users in the process list: prefer the other sources)' -r
complete -c authgate -n "__fish_authgate_using_subcommand create" -l length -d 'Length of a generated password (at least 22 in a fast-auth application)' -r
complete -c authgate -n "__fish_authgate_using_subcommand create" -l cost -d 'bcrypt cost, at most the installation\'s max-bcrypt-cost (14 unless raised) [default: the registry\'s setting, 10 unless chosen at init]' -r
complete -c authgate -n "__fish_authgate_using_subcommand create" -l hash -d 'Hash scheme: bcrypt, or apr1 (Apache MD5, weak: only for old tools) [default: bcrypt; {SHA} in a fast-auth application, which takes neither]' -r -f -a "bcrypt\t''
apr1\t''"
complete -c authgate -n "__fish_authgate_using_subcommand create" -l expires-in -d 'Expire after this long: 30d, 12h, 90m (expired credentials are never published)' -r
complete -c authgate -n "__fish_authgate_using_subcommand create" -l expires-at -d 'Expire at this time: RFC 3339, such as 2027-01-31T00:00:00Z' -r
complete -c authgate -n "__fish_authgate_using_subcommand create" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand create" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand create" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand create" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand create" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand create" -l password-stdin -d 'Read the password from stdin: one line (its trailing newline and a leading byte order mark are dropped)'
complete -c authgate -n "__fish_authgate_using_subcommand create" -l generate -d 'Generate a random password and print it once'
complete -c authgate -n "__fish_authgate_using_subcommand create" -l allow-weak -d 'Accept a chosen password below the installation\'s min-password-score, once (audited)'
complete -c authgate -n "__fish_authgate_using_subcommand create" -l dry-run -d 'Print the changes it would make to Traefik\'s files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand create" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand create" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand create" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand show" -l app -d 'Application id or app name' -r
complete -c authgate -n "__fish_authgate_using_subcommand show" -l username -d 'Username within the application' -r
complete -c authgate -n "__fish_authgate_using_subcommand show" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand show" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand show" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand show" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand show" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand show" -l show-hash -d 'Also print the stored hash (needs the right to change the credential)'
complete -c authgate -n "__fish_authgate_using_subcommand show" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand show" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand show" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand update" -l app -d 'Application id or app name' -r
complete -c authgate -n "__fish_authgate_using_subcommand update" -l username -d 'Username within the application' -r
complete -c authgate -n "__fish_authgate_using_subcommand update" -l new-username -d 'Rename the credential' -r
complete -c authgate -n "__fish_authgate_using_subcommand update" -l password-file -d 'Read the password from a file of one line (its trailing newline and a leading byte order mark are dropped)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand update" -l password-env -d 'Read the password from an environment variable' -r
complete -c authgate -n "__fish_authgate_using_subcommand update" -l password -d 'The password itself (visible to other users in the process list: prefer the other sources)' -r
complete -c authgate -n "__fish_authgate_using_subcommand update" -l length -d 'Length of a generated password (at least 22 in a fast-auth application)' -r
complete -c authgate -n "__fish_authgate_using_subcommand update" -l cost -d 'bcrypt cost, at most the installation\'s max-bcrypt-cost (14 unless raised) [default: the registry\'s setting, 10 unless chosen at init]' -r
complete -c authgate -n "__fish_authgate_using_subcommand update" -l hash -d 'Hash scheme: bcrypt, or apr1 (Apache MD5, weak: only for old tools) [default: bcrypt; {SHA} in a fast-auth application, which takes neither]' -r -f -a "bcrypt\t''
apr1\t''"
complete -c authgate -n "__fish_authgate_using_subcommand update" -l expires-in -d 'Expire after this long: 30d, 12h, 90m (expired credentials are never published)' -r
complete -c authgate -n "__fish_authgate_using_subcommand update" -l expires-at -d 'Expire at this time: RFC 3339, such as 2027-01-31T00:00:00Z' -r
complete -c authgate -n "__fish_authgate_using_subcommand update" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand update" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand update" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand update" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand update" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand update" -l password-stdin -d 'Read the password from stdin: one line (its trailing newline and a leading byte order mark are dropped)'
complete -c authgate -n "__fish_authgate_using_subcommand update" -l generate -d 'Generate a random password and print it once'
complete -c authgate -n "__fish_authgate_using_subcommand update" -l allow-weak -d 'Accept a chosen password below the installation\'s min-password-score, once (audited)'
complete -c authgate -n "__fish_authgate_using_subcommand update" -l no-expiry -d 'Never expire (clears --expires-in / --expires-at given before)'
complete -c authgate -n "__fish_authgate_using_subcommand update" -l dry-run -d 'Print the changes it would make to Traefik\'s files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand update" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand update" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand update" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand delete" -l app -d 'Application id or app name' -r
complete -c authgate -n "__fish_authgate_using_subcommand delete" -l username -d 'Username within the application' -r
complete -c authgate -n "__fish_authgate_using_subcommand delete" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand delete" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand delete" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand delete" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand delete" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand delete" -l ignore-not-found -d 'Exit 0 when the credential does not exist'
complete -c authgate -n "__fish_authgate_using_subcommand delete" -l dry-run -d 'Print the changes it would make to Traefik\'s files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand delete" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand delete" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand delete" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand list" -l app -d 'Only this application (id or app name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand list" -l older-than -d 'Only credentials not updated for this long (e.g. 90d, 12h)' -r
complete -c authgate -n "__fish_authgate_using_subcommand list" -l expiring -d 'Only credentials that expire within this long, or have expired (e.g. 7d)' -r
complete -c authgate -n "__fish_authgate_using_subcommand list" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand list" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand list" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand list" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand list" -l expired -d 'Only credentials that have expired (never published again)'
complete -c authgate -n "__fish_authgate_using_subcommand list" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand list" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand list" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand import" -l app -d 'Application id or app name' -r
complete -c authgate -n "__fish_authgate_using_subcommand import" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand import" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand import" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand import" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand import" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand import" -l replace -d 'Overwrite the hashes of usernames that already exist'
complete -c authgate -n "__fish_authgate_using_subcommand import" -l dry-run -d 'Print the changes it would make to Traefik\'s files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand import" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand import" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand import" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand export" -l app -d 'Application id or app name' -r
complete -c authgate -n "__fish_authgate_using_subcommand export" -l format -d 'Output format' -r -f -a "htpasswd\t''
traefik-yaml\t''
json\t''"
complete -c authgate -n "__fish_authgate_using_subcommand export" -l out -d 'Write to this file (mode 0600, replaced atomically) instead of stdout' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand export" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand export" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand export" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand export" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand export" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand export" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand export" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand export" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l app -d 'Application id or app name' -r
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l username -d 'Username within the application' -r
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l password-file -d 'Read the password from a file of one line (its trailing newline and a leading byte order mark are dropped)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l password-env -d 'Read the password from an environment variable' -r
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l password -d 'The password itself (visible to other users in the process list: prefer the other sources)' -r
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand verify" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l password-stdin -d 'Read the password from stdin: one line (its trailing newline and a leading byte order mark are dropped)'
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l generate -d 'Generate a random password and print it once'
complete -c authgate -n "__fish_authgate_using_subcommand verify" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand verify" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand verify" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand check" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand check" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand check" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand check" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand check" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand check" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand check" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand check" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand expire" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand expire" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand expire" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand expire" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand expire" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand expire" -l dry-run -d 'Print the changes it would make to Traefik\'s files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand expire" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand expire" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand expire" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand expire" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand sync" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sync" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sync" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sync" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand sync" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand sync" -l dry-run -d 'Print what would be repaired in the Traefik files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand sync" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand sync" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand sync" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand backup" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand backup" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand backup" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand backup" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand backup" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand backup" -l force -d 'Replace PATH if it exists'
complete -c authgate -n "__fish_authgate_using_subcommand backup" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand backup" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand backup" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand restore" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand restore" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand restore" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand restore" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand restore" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand restore" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand restore" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand restore" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -f -a "add" -d 'Register an application'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -f -a "list" -d 'List applications'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -f -a "show" -d 'Show an application'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -f -a "update" -d 'Change an application'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -f -a "remove" -d 'Remove an application with its credentials and its Traefik file'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -f -a "grant" -d 'Allow a member or viewer to use an application'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -f -a "revoke" -d 'Withdraw a member\'s or viewer\'s access to an application'
complete -c authgate -n "__fish_authgate_using_subcommand app; and not __fish_seen_subcommand_from add list show update remove grant revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l app-name -d 'Slug used for Traefik names and the file name; unique across all organizations' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l name -d 'Display name [default: the app name]' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l project -d 'Project, created in the active organization when missing' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l environment -d 'Environment, created in the project when missing' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l domain -d 'Host name routed to the application (repeatable)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l upstream -d 'Upstream URL, http or https (repeatable)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l entrypoint -d 'Traefik entry point (repeatable)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l cert-resolver -d 'Certificate resolver (implies --tls)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l realm -d 'Realm shown in the browser\'s login dialog [default: the app name]' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l public-path -d 'Requests for this path and below skip authentication (repeatable; /static matches /static and /static/..., not /staticfiles)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l protect-path -d 'Only requests whose path starts with this prefix need authentication, the rest of the site is public (repeatable; compared case-insensitively, so /admin also covers /Admin and /administrator)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l trusted-network -d 'Clients connecting from this network (CIDR or single address, IPv4 or IPv6) skip authentication (repeatable; the address Traefik\'s connection comes from, never X-Forwarded-For)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l tls -d 'Serve the router over TLS'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l fast-auth -d 'Fast authentication, for machine clients: every credential is a secret authgate generates (--generate, at least 22 characters), stored as {SHA}, which Traefik checks in microseconds instead of milliseconds of bcrypt on every request'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l private -d 'Closed until its first credential: Traefik answers 401 to everyone instead of serving it publicly, and again once its last credential is deleted'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l allow-preflight -d 'OPTIONS requests (CORS preflights) skip authentication'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l dry-run -d 'Print the changes it would make to Traefik\'s files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from list" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from list" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from list" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from show" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from show" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from show" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from show" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from show" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l app-name -d 'New app name (renames the Traefik resources and file)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l name -d 'New display name' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l domain -d 'Replace the domains (repeatable)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l upstream -d 'Replace the upstreams (repeatable)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l entrypoint -d 'Replace the entry points (repeatable)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l cert-resolver -d 'Certificate resolver (implies TLS)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l realm -d 'New realm' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l public-path -d 'Requests for this path and below skip authentication (repeatable; /static matches /static and /static/..., not /staticfiles)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l protect-path -d 'Only requests whose path starts with this prefix need authentication, the rest of the site is public (repeatable; compared case-insensitively, so /admin also covers /Admin and /administrator)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l trusted-network -d 'Clients connecting from this network (CIDR or single address, IPv4 or IPv6) skip authentication (repeatable; the address Traefik\'s connection comes from, never X-Forwarded-For)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l clear-routing -d 'Remove domains, upstreams, entry points and TLS: routing is defined elsewhere'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l tls -d 'Serve over TLS'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l no-tls -d 'Do not use TLS'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l clear-realm -d 'Use the app name as realm again'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l fast-auth -d 'Turn fast authentication on: only generated secrets, stored as {SHA} (with credentials, needs --rotate)'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l no-fast-auth -d 'Turn fast authentication off: passwords of any source, hashed with bcrypt (with credentials, needs --rotate)'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l rotate -d 'With --fast-auth or --no-fast-auth: give every credential a new generated password, hashed for the new scheme (bcrypt at the registry\'s cost), in the same change; each is printed once (with -q: its securityId, a tab, the password)'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l private -d 'Make it private: without credentials Traefik answers 401 to everyone instead of serving it publicly'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l no-private -d 'Not private: without credentials it is served publicly (managed routing) or has no middleware'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l allow-preflight -d 'OPTIONS requests (CORS preflights) skip authentication'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l clear-public-paths -d 'Remove every public path'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l clear-protect-paths -d 'Remove every protected path: the whole site needs authentication again'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l clear-trusted-networks -d 'Remove every trusted network'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l no-allow-preflight -d 'OPTIONS requests need authentication again'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l dry-run -d 'Print the changes it would make to Traefik\'s files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation on a terminal'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -l dry-run -d 'Print the changes it would make to Traefik\'s files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -l user -d 'The member\'s user name' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -l dry-run -d 'Print the changes it would make to Traefik\'s files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from grant" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -l user -d 'The member\'s user name' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -l dry-run -d 'Print the changes it would make to Traefik\'s files and Redis keys, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "add" -d 'Register an application'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "list" -d 'List applications'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an application'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change an application'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an application with its credentials and its Traefik file'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "grant" -d 'Allow a member or viewer to use an application'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Withdraw a member\'s or viewer\'s access to an application'
complete -c authgate -n "__fish_authgate_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -f -a "create" -d 'Create an organization; you become its owner'
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -f -a "list" -d 'List the organizations you belong to'
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -f -a "switch" -d 'Make an organization your active one'
complete -c authgate -n "__fish_authgate_using_subcommand org; and not __fish_seen_subcommand_from create list switch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from create" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from create" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from create" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from create" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from create" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from list" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from list" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from list" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from switch" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from switch" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from switch" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from switch" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from switch" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from switch" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from switch" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from switch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from switch" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an organization; you become its owner'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the organizations you belong to'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "switch" -d 'Make an organization your active one'
complete -c authgate -n "__fish_authgate_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -f -a "create" -d 'Create a user in the active organization and print its API key once'
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -f -a "list" -d 'List the active organization\'s users and roles'
complete -c authgate -n "__fish_authgate_using_subcommand user; and not __fish_seen_subcommand_from create list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from create" -l role -d 'Role in the active organization: owner, admin, member or viewer' -r
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from create" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from create" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from create" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from create" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from create" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from list" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from list" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from list" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a user in the active organization and print its API key once'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the active organization\'s users and roles'
complete -c authgate -n "__fish_authgate_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -f -a "set-role" -d 'Change a member\'s role in the active organization'
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -f -a "remove" -d 'Remove a member (and their grants) from the active organization'
complete -c authgate -n "__fish_authgate_using_subcommand member; and not __fish_seen_subcommand_from set-role remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from set-role" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from set-role" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from set-role" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from set-role" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from set-role" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from set-role" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from set-role" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from set-role" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from set-role" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from remove" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from remove" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from remove" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from remove" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "set-role" -d 'Change a member\'s role in the active organization'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a member (and their grants) from the active organization'
complete -c authgate -n "__fish_authgate_using_subcommand member; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -f -a "create" -d 'Create an API key for yourself and print it once'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -f -a "list" -d 'List your API keys (never their secrets)'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -f -a "revoke" -d 'Revoke an API key by its key id'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and not __fish_seen_subcommand_from create list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from create" -l name -d 'A name to recognise the key by' -r
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from create" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from create" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from create" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from create" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from create" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from list" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from list" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from list" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an API key for yourself and print it once'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from help" -f -a "list" -d 'List your API keys (never their secrets)'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke an API key by its key id'
complete -c authgate -n "__fish_authgate_using_subcommand apikey; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -f -a "list" -d 'Show the registry\'s settings (installation owners only)'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -f -a "set" -d 'Change a setting (installation owners only): traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score or file-mode'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from list" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from list" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from list" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from set" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from set" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from set" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from set" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from set" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show the registry\'s settings (installation owners only)'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a setting (installation owners only): traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score or file-mode'
complete -c authgate -n "__fish_authgate_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Publish every application also to a Redis server that Traefik\'s Redis provider reads'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List the configured sinks (installation owners only)'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Stop publishing to a sink'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -l root-key -d 'Traefik\'s providers.redis.rootKey' -r
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -l name -d 'A name for the sink [default: redis-HOST-PORT]' -r
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -l password-file -d 'Read the Redis password from this file at each use' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -l password-env -d 'Read the Redis password from this environment variable at each use' -r
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from list" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from list" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from list" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from remove" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from remove" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from remove" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from remove" -l purge -d 'Also delete the keys authgate wrote there (Traefik then drops those routes)'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from remove" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from help" -f -a "add" -d 'Publish every application also to a Redis server that Traefik\'s Redis provider reads'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the configured sinks (installation owners only)'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Stop publishing to a sink'
complete -c authgate -n "__fish_authgate_using_subcommand sink; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l app -d 'Only events on this application (id or app name; the id or app name of a removed one works too)' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l user -d 'Only events by this user (name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l action -d 'Only this action (e.g. security.update, app.remove, member.set_role)' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l outcome -d 'Only this outcome' -r -f -a "ok\t''
denied\t''
error\t''"
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l since -d 'Only events at or after this time: RFC 3339, a date, or a duration ago (24h, 7d)' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l until -d 'Only events at or before this time: RFC 3339, a date, or a duration ago' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l limit -d 'At most this many events, newest first (0: all)' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -f -a "prune" -d 'Delete the active organization\'s events older than a given age (owners only)'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -f -a "failures" -d 'Report failed logins (HTTP 401) on your applications from Traefik JSON access logs'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and not __fish_seen_subcommand_from prune failures help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -l older-than -d 'Delete events older than this: a duration (365d) or an RFC 3339 time' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -l dry-run -d 'Print how many events would be deleted, change nothing'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -l access-log -d 'Traefik JSON access log files, plain or .gz; `-` for stdin' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -l app -d 'Only this application (id or app name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -l since -d 'Only requests that started at or after this time: RFC 3339, a date, or a duration ago' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -l until -d 'Only requests that started at or before this time' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -l include-challenges -d 'Count 401 challenges (requests without credentials, as a browser first sends) as failed logins too'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from failures" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Delete the active organization\'s events older than a given age (owners only)'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "failures" -d 'Report failed logins (HTTP 401) on your applications from Traefik JSON access logs'
complete -c authgate -n "__fish_authgate_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand completions" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand completions" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand completions" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand completions" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand completions" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand completions" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand completions" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand install-docs" -l prefix -d 'Install the man pages under DIR/share/man/man1 [default: the parent of the directory authgate runs from: ~/.cargo for ~/.cargo/bin/authgate]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand install-docs" -l db -d 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand install-docs" -l traefik-dir -d 'Traefik\'s watched directory [default: the one chosen at init]' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand install-docs" -l api-key-file -d 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)' -r -F
complete -c authgate -n "__fish_authgate_using_subcommand install-docs" -l org -d 'Act in this organization instead of the active one (with init: the first organization\'s name)' -r
complete -c authgate -n "__fish_authgate_using_subcommand install-docs" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c authgate -n "__fish_authgate_using_subcommand install-docs" -s q -l quiet -d 'Print only ids, one per line'
complete -c authgate -n "__fish_authgate_using_subcommand install-docs" -l no-warnings -d 'With --quiet, also silence warnings'
complete -c authgate -n "__fish_authgate_using_subcommand install-docs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c authgate -n "__fish_authgate_using_subcommand install-docs" -s V -l version -d 'Print version'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "init" -d 'Create the registry, the first organization and owner, and the Traefik directory'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "create" -d 'Add a credential to an application'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "show" -d 'Show a credential'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "update" -d 'Change a credential\'s password, username and/or expiry'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "delete" -d 'Delete a credential'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "list" -d 'List credentials'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "import" -d 'Import credentials from an htpasswd file, keeping their hashes'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "export" -d 'Print an application\'s credentials as htpasswd, Traefik YAML or JSON'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "verify" -d 'Check a password against a credential\'s stored hash (exit 6 on mismatch)'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "check" -d 'Report drift between the Traefik directory (and Redis sinks) and the database'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "expire" -d 'Withdraw expired credentials from Traefik (for cron)'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "sync" -d 'Rewrite the Traefik directory (and Redis sinks) from the database'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "backup" -d 'Write a consistent snapshot of the registry to a file (installation owners)'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "restore" -d 'Replace the registry\'s content with a snapshot from `backup` (installation owners)'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "app" -d 'Manage applications'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "org" -d 'Manage organizations'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "user" -d 'Manage users of the active organization'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "member" -d 'Change members\' roles, or remove members'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "apikey" -d 'Manage your API keys'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "settings" -d 'Show or change the registry\'s settings'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "sink" -d 'Publish to Redis for several Traefik nodes, beside the directory'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "audit" -d 'List audit events, prune them, or report failed logins from Traefik\'s access log'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "completions" -d 'Print shell completions for bash, zsh, fish, elvish or powershell'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "install-docs" -d 'Install the man pages and the bash, zsh and fish completions where man and the shells look'
complete -c authgate -n "__fish_authgate_using_subcommand help; and not __fish_seen_subcommand_from init create show update delete list import export verify check expire sync backup restore app org user member apikey settings sink audit completions install-docs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "add" -d 'Register an application'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "list" -d 'List applications'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "show" -d 'Show an application'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "update" -d 'Change an application'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "remove" -d 'Remove an application with its credentials and its Traefik file'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "grant" -d 'Allow a member or viewer to use an application'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "revoke" -d 'Withdraw a member\'s or viewer\'s access to an application'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "create" -d 'Create an organization; you become its owner'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "list" -d 'List the organizations you belong to'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "switch" -d 'Make an organization your active one'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "create" -d 'Create a user in the active organization and print its API key once'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List the active organization\'s users and roles'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "set-role" -d 'Change a member\'s role in the active organization'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from member" -f -a "remove" -d 'Remove a member (and their grants) from the active organization'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from apikey" -f -a "create" -d 'Create an API key for yourself and print it once'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from apikey" -f -a "list" -d 'List your API keys (never their secrets)'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from apikey" -f -a "revoke" -d 'Revoke an API key by its key id'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "list" -d 'Show the registry\'s settings (installation owners only)'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "set" -d 'Change a setting (installation owners only): traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score or file-mode'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from sink" -f -a "add" -d 'Publish every application also to a Redis server that Traefik\'s Redis provider reads'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from sink" -f -a "list" -d 'List the configured sinks (installation owners only)'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from sink" -f -a "remove" -d 'Stop publishing to a sink'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "prune" -d 'Delete the active organization\'s events older than a given age (owners only)'
complete -c authgate -n "__fish_authgate_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "failures" -d 'Report failed logins (HTTP 401) on your applications from Traefik JSON access logs'
