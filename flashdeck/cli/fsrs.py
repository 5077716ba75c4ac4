"""`flashdeck fsrs optimize | show | reset`: FSRS's parameters fitted to your own reviews.
Attached to the main group by flashdeck.cli; click only at import time."""

# Lazy imports: `flashdeck --help` imports this module to list its commands; services.fsrs_fit
# (SQLAlchemy, py-fsrs) loads inside the commands. torch only ever loads in the optimiser's
# child process.

from __future__ import annotations

import json

import click

from flashdeck.cli.common import Root, opened


@click.group()
def fsrs() -> None:
    """FSRS's parameters: fitted to your review log, shown, or reset to the defaults."""


@fsrs.command("optimize")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def optimize_cmd(obj: Root, as_json: bool) -> None:
    """Fit FSRS to your reviews (py-fsrs's optimiser, in a child process, with a progress bar)
    and keep the parameters: the memory model, readiness and (with study.scheduler = "fsrs")
    the due dates use them from now on. With too few reviews the defaults are kept."""
    from flashdeck.services import fsrs_fit

    with opened(obj) as (ctx, _):
        try:
            result = fsrs_fit.optimize(ctx, say=lambda line: None if as_json else click.echo(line, err=True))
        except fsrs_fit.FitFailed as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=2))
        return
    if result.parameters is None:
        click.echo(f"{result.scored} of your {result.reviews} reviews can be fitted on (a card's review on a later "
                   f"day than the one before); the optimiser needs {fsrs_fit.MIN_SCORED}. Keeping FSRS's defaults.")
        return
    click.echo(f"Fitted on {result.scored:,} reviews. Log loss on them: {result.log_loss_before:.4f} before, "
               f"{result.log_loss_after:.4f} now (lower is better). `flashdeck fsrs reset` goes back to the defaults.")


@fsrs.command("show")
@click.pass_obj
def show_cmd(obj: Root) -> None:
    """The parameters in use, and whether they were fitted to you."""
    from flashdeck.services import fsrs_fit

    with opened(obj) as (ctx, _):
        parameters, fitted = fsrs_fit.in_use(ctx)
    click.echo(("Fitted to your reviews" if fitted else "py-fsrs's defaults (`flashdeck fsrs optimize` fits them)")
               + ":\n" + ", ".join(f"{p:.4f}" for p in parameters))


@fsrs.command("reset")
@click.pass_obj
def reset_cmd(obj: Root) -> None:
    """Go back to py-fsrs's default parameters (every card's memory is replayed)."""
    from flashdeck.services import fsrs_fit

    with opened(obj) as (ctx, _):
        changed = fsrs_fit.reset(ctx)
    click.echo("Back to py-fsrs's default parameters." if changed else "The default parameters are in use already.")
