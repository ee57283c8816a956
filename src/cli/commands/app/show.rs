//! `authgate app show`: one application.

use super::{AppRef, AppView};
use crate::cli::commands::Context;
use authgate::domain::apps;
use authgate::error::Result;

pub(super) fn run(args: AppRef, ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let app = apps::show(&session, &args.app)?;
    ctx.printer
        .record(&AppView::new(&session, &app)?, "applicationId")
}
