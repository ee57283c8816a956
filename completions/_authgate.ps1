
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'authgate' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'authgate'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'authgate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the registry, the first organization and owner, and the Traefik directory')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Add a credential to an application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a credential')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a credential''s password, username and/or expiry')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a credential')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List credentials')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import credentials from an htpasswd file, keeping their hashes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print an application''s credentials as htpasswd, Traefik YAML or JSON')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a password against a credential''s stored hash (exit 6 on mismatch)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Report drift between the Traefik directory (and Redis sinks) and the database')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'Withdraw expired credentials from Traefik (for cron)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Rewrite the Traefik directory (and Redis sinks) from the database')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent snapshot of the registry to a file (installation owners)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the registry''s content with a snapshot from `backup` (installation owners)')
            [CompletionResult]::new('app', 'app', [CompletionResultType]::ParameterValue, 'Manage applications')
            [CompletionResult]::new('org', 'org', [CompletionResultType]::ParameterValue, 'Manage organizations')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage users of the active organization')
            [CompletionResult]::new('member', 'member', [CompletionResultType]::ParameterValue, 'Change members'' roles, or remove members')
            [CompletionResult]::new('apikey', 'apikey', [CompletionResultType]::ParameterValue, 'Manage your API keys')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Show or change the registry''s settings')
            [CompletionResult]::new('sink', 'sink', [CompletionResultType]::ParameterValue, 'Publish to Redis for several Traefik nodes, beside the directory')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'List audit events, prune them, or report failed logins from Traefik''s access log')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for bash, zsh, fish, elvish or powershell')
            [CompletionResult]::new('install-docs', 'install-docs', [CompletionResultType]::ParameterValue, 'Install the man pages and the bash, zsh and fish completions where man and the shells look')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;init' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Name of the owner user [default: $USER, else "admin"]')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Where to write the owner''s API key [default: $XDG_CONFIG_HOME/authgate/credentials]')
            [CompletionResult]::new('--cost', '--cost', [CompletionResultType]::ParameterName, 'Default bcrypt cost for new hashes')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;create' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application id or app name')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username (no '':'', no control characters, no surrounding spaces)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from a file of one line (its trailing newline and a leading byte order mark are dropped)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from an environment variable')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The password itself (visible to other users in the process list: prefer the other sources)')
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'Length of a generated password (at least 22 in a fast-auth application)')
            [CompletionResult]::new('--cost', '--cost', [CompletionResultType]::ParameterName, 'bcrypt cost, at most the installation''s max-bcrypt-cost (14 unless raised) [default: the registry''s setting, 10 unless chosen at init]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash scheme: bcrypt, or apr1 (Apache MD5, weak: only for old tools) [default: bcrypt; {SHA} in a fast-auth application, which takes neither]')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expire after this long: 30d, 12h, 90m (expired credentials are never published)')
            [CompletionResult]::new('--expires-at', '--expires-at', [CompletionResultType]::ParameterName, 'Expire at this time: RFC 3339, such as 2027-01-31T00:00:00Z')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from stdin: one line (its trailing newline and a leading byte order mark are dropped)')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Generate a random password and print it once')
            [CompletionResult]::new('--allow-weak', '--allow-weak', [CompletionResultType]::ParameterName, 'Accept a chosen password below the installation''s min-password-score, once (audited)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the changes it would make to Traefik''s files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;show' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application id or app name')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username within the application')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--show-hash', '--show-hash', [CompletionResultType]::ParameterName, 'Also print the stored hash (needs the right to change the credential)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;update' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application id or app name')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username within the application')
            [CompletionResult]::new('--new-username', '--new-username', [CompletionResultType]::ParameterName, 'Rename the credential')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from a file of one line (its trailing newline and a leading byte order mark are dropped)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from an environment variable')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The password itself (visible to other users in the process list: prefer the other sources)')
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'Length of a generated password (at least 22 in a fast-auth application)')
            [CompletionResult]::new('--cost', '--cost', [CompletionResultType]::ParameterName, 'bcrypt cost, at most the installation''s max-bcrypt-cost (14 unless raised) [default: the registry''s setting, 10 unless chosen at init]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash scheme: bcrypt, or apr1 (Apache MD5, weak: only for old tools) [default: bcrypt; {SHA} in a fast-auth application, which takes neither]')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expire after this long: 30d, 12h, 90m (expired credentials are never published)')
            [CompletionResult]::new('--expires-at', '--expires-at', [CompletionResultType]::ParameterName, 'Expire at this time: RFC 3339, such as 2027-01-31T00:00:00Z')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from stdin: one line (its trailing newline and a leading byte order mark are dropped)')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Generate a random password and print it once')
            [CompletionResult]::new('--allow-weak', '--allow-weak', [CompletionResultType]::ParameterName, 'Accept a chosen password below the installation''s min-password-score, once (audited)')
            [CompletionResult]::new('--no-expiry', '--no-expiry', [CompletionResultType]::ParameterName, 'Never expire (clears --expires-in / --expires-at given before)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the changes it would make to Traefik''s files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;delete' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application id or app name')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username within the application')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--ignore-not-found', '--ignore-not-found', [CompletionResultType]::ParameterName, 'Exit 0 when the credential does not exist')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the changes it would make to Traefik''s files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;list' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Only this application (id or app name)')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Only credentials not updated for this long (e.g. 90d, 12h)')
            [CompletionResult]::new('--expiring', '--expiring', [CompletionResultType]::ParameterName, 'Only credentials that expire within this long, or have expired (e.g. 7d)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--expired', '--expired', [CompletionResultType]::ParameterName, 'Only credentials that have expired (never published again)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;import' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application id or app name')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Overwrite the hashes of usernames that already exist')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the changes it would make to Traefik''s files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;export' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application id or app name')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (mode 0600, replaced atomically) instead of stdout')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;verify' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application id or app name')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username within the application')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from a file of one line (its trailing newline and a leading byte order mark are dropped)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password from an environment variable')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The password itself (visible to other users in the process list: prefer the other sources)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from stdin: one line (its trailing newline and a leading byte order mark are dropped)')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Generate a random password and print it once')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;expire' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the changes it would make to Traefik''s files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;sync' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be repaired in the Traefik files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace PATH if it exists')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;restore' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;app' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register an application')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List applications')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an application')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an application')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an application with its credentials and its Traefik file')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Allow a member or viewer to use an application')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Withdraw a member''s or viewer''s access to an application')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;app;add' {
            [CompletionResult]::new('--app-name', '--app-name', [CompletionResultType]::ParameterName, 'Slug used for Traefik names and the file name; unique across all organizations')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name [default: the app name]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project, created in the active organization when missing')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment, created in the project when missing')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Host name routed to the application (repeatable)')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Upstream URL, http or https (repeatable)')
            [CompletionResult]::new('--entrypoint', '--entrypoint', [CompletionResultType]::ParameterName, 'Traefik entry point (repeatable)')
            [CompletionResult]::new('--cert-resolver', '--cert-resolver', [CompletionResultType]::ParameterName, 'Certificate resolver (implies --tls)')
            [CompletionResult]::new('--realm', '--realm', [CompletionResultType]::ParameterName, 'Realm shown in the browser''s login dialog [default: the app name]')
            [CompletionResult]::new('--public-path', '--public-path', [CompletionResultType]::ParameterName, 'Requests for this path and below skip authentication (repeatable; /static matches /static and /static/..., not /staticfiles)')
            [CompletionResult]::new('--protect-path', '--protect-path', [CompletionResultType]::ParameterName, 'Only requests whose path starts with this prefix need authentication, the rest of the site is public (repeatable; compared case-insensitively, so /admin also covers /Admin and /administrator)')
            [CompletionResult]::new('--trusted-network', '--trusted-network', [CompletionResultType]::ParameterName, 'Clients connecting from this network (CIDR or single address, IPv4 or IPv6) skip authentication (repeatable; the address Traefik''s connection comes from, never X-Forwarded-For)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Serve the router over TLS')
            [CompletionResult]::new('--fast-auth', '--fast-auth', [CompletionResultType]::ParameterName, 'Fast authentication, for machine clients: every credential is a secret authgate generates (--generate, at least 22 characters), stored as {SHA}, which Traefik checks in microseconds instead of milliseconds of bcrypt on every request')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Closed until its first credential: Traefik answers 401 to everyone instead of serving it publicly, and again once its last credential is deleted')
            [CompletionResult]::new('--allow-preflight', '--allow-preflight', [CompletionResultType]::ParameterName, 'OPTIONS requests (CORS preflights) skip authentication')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the changes it would make to Traefik''s files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;app;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;app;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;app;update' {
            [CompletionResult]::new('--app-name', '--app-name', [CompletionResultType]::ParameterName, 'New app name (renames the Traefik resources and file)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'New display name')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Replace the domains (repeatable)')
            [CompletionResult]::new('--upstream', '--upstream', [CompletionResultType]::ParameterName, 'Replace the upstreams (repeatable)')
            [CompletionResult]::new('--entrypoint', '--entrypoint', [CompletionResultType]::ParameterName, 'Replace the entry points (repeatable)')
            [CompletionResult]::new('--cert-resolver', '--cert-resolver', [CompletionResultType]::ParameterName, 'Certificate resolver (implies TLS)')
            [CompletionResult]::new('--realm', '--realm', [CompletionResultType]::ParameterName, 'New realm')
            [CompletionResult]::new('--public-path', '--public-path', [CompletionResultType]::ParameterName, 'Requests for this path and below skip authentication (repeatable; /static matches /static and /static/..., not /staticfiles)')
            [CompletionResult]::new('--protect-path', '--protect-path', [CompletionResultType]::ParameterName, 'Only requests whose path starts with this prefix need authentication, the rest of the site is public (repeatable; compared case-insensitively, so /admin also covers /Admin and /administrator)')
            [CompletionResult]::new('--trusted-network', '--trusted-network', [CompletionResultType]::ParameterName, 'Clients connecting from this network (CIDR or single address, IPv4 or IPv6) skip authentication (repeatable; the address Traefik''s connection comes from, never X-Forwarded-For)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--clear-routing', '--clear-routing', [CompletionResultType]::ParameterName, 'Remove domains, upstreams, entry points and TLS: routing is defined elsewhere')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Serve over TLS')
            [CompletionResult]::new('--no-tls', '--no-tls', [CompletionResultType]::ParameterName, 'Do not use TLS')
            [CompletionResult]::new('--clear-realm', '--clear-realm', [CompletionResultType]::ParameterName, 'Use the app name as realm again')
            [CompletionResult]::new('--fast-auth', '--fast-auth', [CompletionResultType]::ParameterName, 'Turn fast authentication on: only generated secrets, stored as {SHA} (with credentials, needs --rotate)')
            [CompletionResult]::new('--no-fast-auth', '--no-fast-auth', [CompletionResultType]::ParameterName, 'Turn fast authentication off: passwords of any source, hashed with bcrypt (with credentials, needs --rotate)')
            [CompletionResult]::new('--rotate', '--rotate', [CompletionResultType]::ParameterName, 'With --fast-auth or --no-fast-auth: give every credential a new generated password, hashed for the new scheme (bcrypt at the registry''s cost), in the same change; each is printed once (with -q: its securityId, a tab, the password)')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Make it private: without credentials Traefik answers 401 to everyone instead of serving it publicly')
            [CompletionResult]::new('--no-private', '--no-private', [CompletionResultType]::ParameterName, 'Not private: without credentials it is served publicly (managed routing) or has no middleware')
            [CompletionResult]::new('--allow-preflight', '--allow-preflight', [CompletionResultType]::ParameterName, 'OPTIONS requests (CORS preflights) skip authentication')
            [CompletionResult]::new('--clear-public-paths', '--clear-public-paths', [CompletionResultType]::ParameterName, 'Remove every public path')
            [CompletionResult]::new('--clear-protect-paths', '--clear-protect-paths', [CompletionResultType]::ParameterName, 'Remove every protected path: the whole site needs authentication again')
            [CompletionResult]::new('--clear-trusted-networks', '--clear-trusted-networks', [CompletionResultType]::ParameterName, 'Remove every trusted network')
            [CompletionResult]::new('--no-allow-preflight', '--no-allow-preflight', [CompletionResultType]::ParameterName, 'OPTIONS requests need authentication again')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the changes it would make to Traefik''s files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;app;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the changes it would make to Traefik''s files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;app;grant' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The member''s user name')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the changes it would make to Traefik''s files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;app;revoke' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The member''s user name')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the changes it would make to Traefik''s files and Redis keys, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;app;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register an application')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List applications')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an application')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an application')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an application with its credentials and its Traefik file')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Allow a member or viewer to use an application')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Withdraw a member''s or viewer''s access to an application')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;app;help;add' {
            break
        }
        'authgate;app;help;list' {
            break
        }
        'authgate;app;help;show' {
            break
        }
        'authgate;app;help;update' {
            break
        }
        'authgate;app;help;remove' {
            break
        }
        'authgate;app;help;grant' {
            break
        }
        'authgate;app;help;revoke' {
            break
        }
        'authgate;app;help;help' {
            break
        }
        'authgate;org' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization; you become its owner')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organizations you belong to')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Make an organization your active one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;org;create' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;org;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;org;switch' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;org;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization; you become its owner')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organizations you belong to')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Make an organization your active one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;org;help;create' {
            break
        }
        'authgate;org;help;list' {
            break
        }
        'authgate;org;help;switch' {
            break
        }
        'authgate;org;help;help' {
            break
        }
        'authgate;user' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user in the active organization and print its API key once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the active organization''s users and roles')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;user;create' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Role in the active organization: owner, admin, member or viewer')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;user;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;user;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user in the active organization and print its API key once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the active organization''s users and roles')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;user;help;create' {
            break
        }
        'authgate;user;help;list' {
            break
        }
        'authgate;user;help;help' {
            break
        }
        'authgate;member' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Change a member''s role in the active organization')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member (and their grants) from the active organization')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;member;set-role' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;member;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;member;help' {
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Change a member''s role in the active organization')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member (and their grants) from the active organization')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;member;help;set-role' {
            break
        }
        'authgate;member;help;remove' {
            break
        }
        'authgate;member;help;help' {
            break
        }
        'authgate;apikey' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an API key for yourself and print it once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your API keys (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke an API key by its key id')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;apikey;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name to recognise the key by')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;apikey;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;apikey;revoke' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;apikey;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an API key for yourself and print it once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your API keys (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke an API key by its key id')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;apikey;help;create' {
            break
        }
        'authgate;apikey;help;list' {
            break
        }
        'authgate;apikey;help;revoke' {
            break
        }
        'authgate;apikey;help;help' {
            break
        }
        'authgate;settings' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the registry''s settings (installation owners only)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting (installation owners only): traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score or file-mode')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;settings;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;settings;set' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;settings;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the registry''s settings (installation owners only)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting (installation owners only): traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score or file-mode')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;settings;help;list' {
            break
        }
        'authgate;settings;help;set' {
            break
        }
        'authgate;settings;help;help' {
            break
        }
        'authgate;sink' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Publish every application also to a Redis server that Traefik''s Redis provider reads')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured sinks (installation owners only)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop publishing to a sink')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;sink;add' {
            [CompletionResult]::new('--root-key', '--root-key', [CompletionResultType]::ParameterName, 'Traefik''s providers.redis.rootKey')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for the sink [default: redis-HOST-PORT]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the Redis password from this file at each use')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the Redis password from this environment variable at each use')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;sink;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;sink;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Also delete the keys authgate wrote there (Traefik then drops those routes)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;sink;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Publish every application also to a Redis server that Traefik''s Redis provider reads')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured sinks (installation owners only)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop publishing to a sink')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;sink;help;add' {
            break
        }
        'authgate;sink;help;list' {
            break
        }
        'authgate;sink;help;remove' {
            break
        }
        'authgate;sink;help;help' {
            break
        }
        'authgate;audit' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Only events on this application (id or app name; the id or app name of a removed one works too)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only events by this user (name)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action (e.g. security.update, app.remove, member.set_role)')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only this outcome')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events at or after this time: RFC 3339, a date, or a duration ago (24h, 7d)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only events at or before this time: RFC 3339, a date, or a duration ago')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many events, newest first (0: all)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete the active organization''s events older than a given age (owners only)')
            [CompletionResult]::new('failures', 'failures', [CompletionResultType]::ParameterValue, 'Report failed logins (HTTP 401) on your applications from Traefik JSON access logs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;audit;prune' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Delete events older than this: a duration (365d) or an RFC 3339 time')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print how many events would be deleted, change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;audit;failures' {
            [CompletionResult]::new('--access-log', '--access-log', [CompletionResultType]::ParameterName, 'Traefik JSON access log files, plain or .gz; `-` for stdin')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Only this application (id or app name)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only requests that started at or after this time: RFC 3339, a date, or a duration ago')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only requests that started at or before this time')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--include-challenges', '--include-challenges', [CompletionResultType]::ParameterName, 'Count 401 challenges (requests without credentials, as a browser first sends) as failed logins too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;audit;help' {
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete the active organization''s events older than a given age (owners only)')
            [CompletionResult]::new('failures', 'failures', [CompletionResultType]::ParameterValue, 'Report failed logins (HTTP 401) on your applications from Traefik JSON access logs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;audit;help;prune' {
            break
        }
        'authgate;audit;help;failures' {
            break
        }
        'authgate;audit;help;help' {
            break
        }
        'authgate;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;install-docs' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Install the man pages under DIR/share/man/man1 [default: the parent of the directory authgate runs from: ~/.cargo for ~/.cargo/bin/authgate]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $XDG_DATA_HOME/authgate/authgate.db]')
            [CompletionResult]::new('--traefik-dir', '--traefik-dir', [CompletionResultType]::ParameterName, 'Traefik''s watched directory [default: the one chosen at init]')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Act in this organization instead of the active one (with init: the first organization''s name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-warnings', '--no-warnings', [CompletionResultType]::ParameterName, 'With --quiet, also silence warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'authgate;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the registry, the first organization and owner, and the Traefik directory')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Add a credential to an application')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a credential')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a credential''s password, username and/or expiry')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a credential')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List credentials')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import credentials from an htpasswd file, keeping their hashes')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print an application''s credentials as htpasswd, Traefik YAML or JSON')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a password against a credential''s stored hash (exit 6 on mismatch)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Report drift between the Traefik directory (and Redis sinks) and the database')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'Withdraw expired credentials from Traefik (for cron)')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Rewrite the Traefik directory (and Redis sinks) from the database')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent snapshot of the registry to a file (installation owners)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the registry''s content with a snapshot from `backup` (installation owners)')
            [CompletionResult]::new('app', 'app', [CompletionResultType]::ParameterValue, 'Manage applications')
            [CompletionResult]::new('org', 'org', [CompletionResultType]::ParameterValue, 'Manage organizations')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage users of the active organization')
            [CompletionResult]::new('member', 'member', [CompletionResultType]::ParameterValue, 'Change members'' roles, or remove members')
            [CompletionResult]::new('apikey', 'apikey', [CompletionResultType]::ParameterValue, 'Manage your API keys')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Show or change the registry''s settings')
            [CompletionResult]::new('sink', 'sink', [CompletionResultType]::ParameterValue, 'Publish to Redis for several Traefik nodes, beside the directory')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'List audit events, prune them, or report failed logins from Traefik''s access log')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for bash, zsh, fish, elvish or powershell')
            [CompletionResult]::new('install-docs', 'install-docs', [CompletionResultType]::ParameterValue, 'Install the man pages and the bash, zsh and fish completions where man and the shells look')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'authgate;help;init' {
            break
        }
        'authgate;help;create' {
            break
        }
        'authgate;help;show' {
            break
        }
        'authgate;help;update' {
            break
        }
        'authgate;help;delete' {
            break
        }
        'authgate;help;list' {
            break
        }
        'authgate;help;import' {
            break
        }
        'authgate;help;export' {
            break
        }
        'authgate;help;verify' {
            break
        }
        'authgate;help;check' {
            break
        }
        'authgate;help;expire' {
            break
        }
        'authgate;help;sync' {
            break
        }
        'authgate;help;backup' {
            break
        }
        'authgate;help;restore' {
            break
        }
        'authgate;help;app' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register an application')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List applications')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an application')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an application')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an application with its credentials and its Traefik file')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Allow a member or viewer to use an application')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Withdraw a member''s or viewer''s access to an application')
            break
        }
        'authgate;help;app;add' {
            break
        }
        'authgate;help;app;list' {
            break
        }
        'authgate;help;app;show' {
            break
        }
        'authgate;help;app;update' {
            break
        }
        'authgate;help;app;remove' {
            break
        }
        'authgate;help;app;grant' {
            break
        }
        'authgate;help;app;revoke' {
            break
        }
        'authgate;help;org' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization; you become its owner')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organizations you belong to')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Make an organization your active one')
            break
        }
        'authgate;help;org;create' {
            break
        }
        'authgate;help;org;list' {
            break
        }
        'authgate;help;org;switch' {
            break
        }
        'authgate;help;user' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user in the active organization and print its API key once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the active organization''s users and roles')
            break
        }
        'authgate;help;user;create' {
            break
        }
        'authgate;help;user;list' {
            break
        }
        'authgate;help;member' {
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Change a member''s role in the active organization')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member (and their grants) from the active organization')
            break
        }
        'authgate;help;member;set-role' {
            break
        }
        'authgate;help;member;remove' {
            break
        }
        'authgate;help;apikey' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an API key for yourself and print it once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your API keys (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke an API key by its key id')
            break
        }
        'authgate;help;apikey;create' {
            break
        }
        'authgate;help;apikey;list' {
            break
        }
        'authgate;help;apikey;revoke' {
            break
        }
        'authgate;help;settings' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the registry''s settings (installation owners only)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting (installation owners only): traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score or file-mode')
            break
        }
        'authgate;help;settings;list' {
            break
        }
        'authgate;help;settings;set' {
            break
        }
        'authgate;help;sink' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Publish every application also to a Redis server that Traefik''s Redis provider reads')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured sinks (installation owners only)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop publishing to a sink')
            break
        }
        'authgate;help;sink;add' {
            break
        }
        'authgate;help;sink;list' {
            break
        }
        'authgate;help;sink;remove' {
            break
        }
        'authgate;help;audit' {
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete the active organization''s events older than a given age (owners only)')
            [CompletionResult]::new('failures', 'failures', [CompletionResultType]::ParameterValue, 'Report failed logins (HTTP 401) on your applications from Traefik JSON access logs')
            break
        }
        'authgate;help;audit;prune' {
            break
        }
        'authgate;help;audit;failures' {
            break
        }
        'authgate;help;completions' {
            break
        }
        'authgate;help;install-docs' {
            break
        }
        'authgate;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
