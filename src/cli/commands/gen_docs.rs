//! `authgate gen-docs DIR` (hidden): writes the shell completions and the man
//! pages that ship in the repository's `completions/` and `man/`, from the
//! clap definition. The output depends only on the definition and the crate
//! version (no dates), so regenerating is byte-for-byte reproducible.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Command};
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use super::Context;
use crate::cli::help::EXIT_STATUS;
use authgate::error::{Context as _, Error, Result};

#[derive(Debug, Args)]
pub(crate) struct GenDocsArgs {
    /// Directory that receives completions/ and man/ (the repository root to refresh the shipped copies)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// The shells, and the file name each completion script is installed under.
pub(crate) const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "authgate.bash"),
    (Shell::Zsh, "_authgate"),
    (Shell::Fish, "authgate.fish"),
    (Shell::Elvish, "authgate.elv"),
    (Shell::PowerShell, "_authgate.ps1"),
];

pub(crate) fn run(args: GenDocsArgs, ctx: &Context, cli: Command) -> Result<()> {
    let written = generate(&args.dir, cli)?;
    ctx.printer.note(&format!(
        "wrote {} files under {}",
        written.len(),
        args.dir.display()
    ));
    Ok(())
}

/// Writes DIR/completions/* and DIR/man/*.1; returns the paths written.
pub(crate) fn generate(dir: &Path, cli: Command) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();

    let completions = dir.join("completions");
    std::fs::create_dir_all(&completions).context_path("cannot create", &completions)?;
    for (shell, name) in SHELLS {
        let path = completions.join(name);
        write(&path, &super::completions::generate(shell))?;
        written.push(path);
    }

    let man = dir.join("man");
    std::fs::create_dir_all(&man).context_path("cannot create", &man)?;
    // Pages of subcommands that no longer exist must not linger.
    for entry in std::fs::read_dir(&man).context_path("cannot read", &man)? {
        let path = entry.context_path("cannot read", &man)?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with("authgate") && name.ends_with(".1") {
            std::fs::remove_file(&path).context_path("cannot remove", &path)?;
        }
    }
    for (name, page) in man_pages(cli)? {
        let path = man.join(name);
        write(&path, &page)?;
        written.push(path);
    }
    Ok(written)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = std::fs::File::create(path).context_path("cannot create", path)?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .context_path("cannot write", path)
}

/// Every man page: `authgate.1`, then one per visible subcommand, nested ones
/// named after their path (`authgate-app-add.1`).
pub(crate) fn man_pages(cli: Command) -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = without_help_subcommand(cli);
    cmd.build();
    let mut pages = Vec::new();
    collect_pages(&cmd, &[], &mut pages)?;
    Ok(pages)
}

/// Drops the implicit `help` subcommand everywhere: it has no page of its own.
fn without_help_subcommand(cmd: Command) -> Command {
    cmd.disable_help_subcommand(true)
        .mut_subcommands(without_help_subcommand)
}

/// `parents`: the page names of the enclosing commands, outermost first.
fn collect_pages(
    cmd: &Command,
    parents: &[String],
    pages: &mut Vec<(String, Vec<u8>)>,
) -> Result<()> {
    // The footer names the package, not the subcommand ("authgate 0.1.0").
    let man = Man::new(cmd.clone()).source(format!("authgate {}", env!("CARGO_PKG_VERSION")));
    pages.push((man.get_filename(), render_page(&man, cmd, parents)?));
    let name = cmd.get_display_name().unwrap_or(cmd.get_name()).to_string();
    let parents = [parents, &[name]].concat();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect_pages(sub, &parents, pages)?;
    }
    Ok(())
}

/// The preamble the roff crate writes at the start of every rendering; kept
/// once per page.
const ROFF_PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

fn render_page(man: &Man, cmd: &Command, parents: &[String]) -> Result<Vec<u8>> {
    type Section = fn(&Man, &mut dyn Write) -> std::io::Result<()>;
    let mut sections: Vec<Section> = vec![
        Man::render_title,
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ];
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        sections.push(Man::render_subcommands_section);
    }
    let mut out = ROFF_PREAMBLE.to_string();
    for section in sections {
        let mut buf = Vec::new();
        section(man, &mut buf).map_err(render_failed)?;
        out.push_str(strip_preamble(&String::from_utf8_lossy(&buf)));
    }

    let mut roff = Roff::new();
    if let Some(examples) = cmd.get_after_long_help().map(|h| h.to_string()) {
        let examples = examples
            .strip_suffix(EXIT_STATUS.as_str())
            .unwrap_or(&examples);
        render_after_help(&mut roff, examples.trim());
    }
    render_exit_status(&mut roff);
    if parents.is_empty() {
        render_environment(&mut roff);
        render_files(&mut roff);
    } else {
        roff.control("SH", ["SEE ALSO"]);
        let mut refs = Vec::new();
        for (i, parent) in parents.iter().enumerate() {
            if i > 0 {
                refs.push(roman(", "));
            }
            refs.extend([bold(parent.as_str()), roman("(1)")]);
        }
        roff.text(refs);
    }
    out.push_str(strip_preamble(&roff.render()));

    let mut buf = Vec::new();
    man.render_version_section(&mut buf)
        .map_err(render_failed)?;
    out.push_str(strip_preamble(&String::from_utf8_lossy(&buf)));
    Ok(ascii_roff(&out).into_bytes())
}

fn strip_preamble(s: &str) -> &str {
    s.strip_prefix(ROFF_PREAMBLE).unwrap_or(s)
}

/// A subcommand's own long help after its options (its examples, sometimes
/// with notes before them). Unindented lines are prose; lines indented by
/// two spaces are commands, shown verbatim. An `Example:` or `Examples:`
/// heading (or `Example (what):`) opens EXAMPLES; prose before it goes to
/// NOTES.
fn render_after_help(roff: &mut Roff, text: &str) {
    let mut section: Option<&str> = None;
    let mut verbatim = false;
    let mut paragraph = false;
    for line in text.lines() {
        if let Some(command) = line.strip_prefix("  ") {
            if section.is_none() {
                roff.control("SH", ["EXAMPLES"]);
                section = Some("EXAMPLES");
            }
            if !verbatim {
                roff.control("PP", []);
                roff.control("RS", ["4"]);
                roff.control("nf", []);
                verbatim = true;
            }
            roff.text([roman(command)]);
            paragraph = false;
            continue;
        }
        if verbatim {
            roff.control("fi", []);
            roff.control("RE", []);
            verbatim = false;
        }
        let line = line.trim();
        if line.is_empty() {
            paragraph = false;
        } else if let Some(note) = example_heading(line) {
            if section != Some("EXAMPLES") {
                roff.control("SH", ["EXAMPLES"]);
                section = Some("EXAMPLES");
            }
            if !note.is_empty() {
                roff.control("PP", []);
                roff.text([roman(upper_first(note) + ":")]);
            }
            paragraph = false;
        } else {
            if section.is_none() {
                roff.control("SH", ["NOTES"]);
                section = Some("NOTES");
            }
            if !paragraph {
                roff.control("PP", []);
                paragraph = true;
            }
            roff.text([roman(line)]);
        }
    }
    if verbatim {
        roff.control("fi", []);
        roff.control("RE", []);
    }
}

/// `Example:`, `Examples:` → `Some("")`; `Example (monitoring):` →
/// `Some("monitoring")`; anything else → `None`.
fn example_heading(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("Examples")
        .or_else(|| line.strip_prefix("Example"))?
        .strip_suffix(':')?
        .trim();
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_prefix('(')?.strip_suffix(')')
}

/// groff reads its input as Latin-1 unless told otherwise: anything beyond
/// ASCII is written as a `\[uXXXX]` escape, which every roff understands.
fn ascii_roff(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", c as u32));
        }
    }
    out
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The rows of a section of `cli::EXIT_STATUS` ("EXIT STATUS:",
/// "ENVIRONMENT:"): its indented lines, split into columns at runs of two or
/// more spaces.
fn help_rows(heading: &str) -> Vec<Vec<String>> {
    EXIT_STATUS
        .lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| {
            l.trim()
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect()
}

fn render_exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    roff.text([
        roman("Each failure has a code; with "),
        bold("-o json"),
        roman(" the error is printed on standard error as"),
    ]);
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    roff.text([roman(
        "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"...\"}}",
    )]);
    roff.control("fi", []);
    roff.control("RE", []);
    for row in help_rows("EXIT STATUS:") {
        roff.control("TP", []);
        match row.as_slice() {
            [status, description] => {
                roff.text([bold(status.as_str())]);
                roff.text([roman(description.as_str())]);
            }
            [status, code, description, ..] => {
                roff.text([bold(status.as_str()), roman(" "), italic(code.as_str())]);
                roff.text([roman(description.as_str())]);
            }
            _ => {}
        }
    }
}

fn render_environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    for row in help_rows("ENVIRONMENT:") {
        if let [name, description, ..] = row.as_slice() {
            roff.control("TP", []);
            roff.text([bold(name.as_str())]);
            roff.text([roman(description.as_str())]);
        }
    }
    roff.control("TP", []);
    roff.text([bold("XDG_DATA_HOME"), roman(", "), bold("XDG_CONFIG_HOME")]);
    roff.text([roman(
        "Base directories of the default paths below (default ~/.local/share and ~/.config).",
    )]);
}

fn render_files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    let files = [
        (
            "$XDG_DATA_HOME/authgate/authgate.db",
            "The registry: a SQLite database, mode 0600. Elsewhere with --db or AUTHGATE_DB.",
        ),
        (
            "$XDG_CONFIG_HOME/authgate/credentials",
            "The API key that init writes for the first owner, mode 0600; refused when group or others can read it. \
             --api-key-file and AUTHGATE_API_KEY take precedence.",
        ),
        (
            "$XDG_DATA_HOME/authgate/traefik/",
            "The Traefik directory: the default; the one chosen with init --traefik-dir is kept in the database, \
             and AUTHGATE_TRAEFIK_DIR overrides it for one command. It holds one dynamic-configuration file per \
             application, <app_name>.yml (mode 0640), rewritten atomically on every change; Traefik's file provider \
             must watch it.",
        ),
    ];
    for (path, description) in files {
        roff.control("TP", []);
        roff.text([italic(path)]);
        roff.text([roman(description)]);
    }
}

/// A man page that could not be rendered (into memory: a bug).
fn render_failed(e: std::io::Error) -> Error {
    Error::internal(format!("cannot render a man page: {e}"))
}
