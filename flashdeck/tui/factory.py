"""The one way the CLI builds the app (tests build FlashdeckApp themselves, with their own
probe or none)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from flashdeck.tui.app import FlashdeckApp

if TYPE_CHECKING:  # SQLAlchemy, which a quick `flashdeck review` loads after its first card
    from flashdeck.services.context import Context


def make_app(ctx: Context | None, *, start: str = "home", **options) -> FlashdeckApp:
    """FlashdeckApp(ctx, start=..., **options) with the benchmark hook: when
    FLASHDECK_FIRST_CARD_PROBE names a file, the app writes the time and the imported modules
    there once the first card is drawn, and exits."""
    return FlashdeckApp(ctx, start=start, first_card_probe=os.environ.get("FLASHDECK_FIRST_CARD_PROBE"),
                        **options)
