"""The ``explainers`` command line: ``build``, ``execute``, ``export``, ``pdf`` and ``manifest``."""

from __future__ import annotations

import argparse
import sys


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--jobs must be a whole number of at least 1, got {text!r}"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be at least 1, got {value}")
    return value


#: Each command's one-line help and its description, in the order ``explainers --help`` lists them.
_COMMANDS = {
    "build": (
        "execute every notebook in a fresh kernel, write figures/ and export the site",
        "Execute notebooks (never rewriting them), collect figures and export the HTML site. "
        "Unchanged notebooks are taken from a content-hash cache; the previous site stays in place "
        "unless every notebook succeeds.",
    ),
    "execute": (
        "refresh the stored outputs of source notebooks (explicit, rewrites the .ipynb)",
        "Execute source notebooks in a fresh kernel and store the outputs, dropping volatile "
        "metadata (timings) but keeping cell tags.",
    ),
    "export": (
        "write the site from the outputs stored in the notebooks (no execution)",
        "Export every edition, the index, the gallery and the claim explorer from the executed "
        "notebooks and the committed figures/, without running any code. Fast; used by the browser tests.",
    ),
    "pdf": (
        "print each handout page to PDF, A4 and Letter, with headless Chromium (site/pdf/)",
        "Print every reader edition of the built site to PDF with headless Chromium, offline, "
        "and link the handouts from the index. Run after `explainers build` or `explainers export`.",
    ),
    "manifest": ("check or refresh data/MANIFEST.csv", None),
}


def _add_only(parser: argparse.ArgumentParser, what: str) -> None:
    # build, execute and pdf choose notebooks the same way (explainers.build.selection.select).
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"{what} (repeatable): its name or number, e.g. 01 or 01_baliki2008",
    )


def make_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``explainers`` command.

    Returns
    -------
    argparse.ArgumentParser
    """
    parser = argparse.ArgumentParser(
        prog="explainers",
        description="Build, execute and check the Pain and the Default Mode notebooks.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands = {
        name: sub.add_parser(name, help=summary, description=description)
        for name, (summary, description) in _COMMANDS.items()
    }
    commands["build"].add_argument(
        "--jobs", "-j", type=_positive_int, default=1, help="notebooks executed in parallel (default 1)"
    )
    _add_only(commands["build"], "build only this notebook")
    commands["build"].add_argument(
        "--force", action="store_true", help="ignore the cache and execute everything again"
    )
    commands["build"].add_argument("--no-progress", action="store_true", help="do not draw the progress bar")
    commands["execute"].add_argument(
        "--inplace", action="store_true", required=True, help="required: confirms notebooks are rewritten"
    )
    _add_only(commands["execute"], "execute only this notebook")
    commands["export"].add_argument("--site", metavar="DIR", help="write the site here instead of site/")
    commands["pdf"].add_argument("--site", metavar="DIR", help="the built site (default site/)")
    _add_only(commands["pdf"], "print only this notebook's handout")
    commands["manifest"].add_argument(
        "--update", action="store_true", help="recompute checksums and add rows for new files"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        The process exit status (0 on success).
    """
    args = make_parser().parse_args(argv)
    if args.command == "manifest":
        from explainers.build import manifest

        if args.update:
            rows = manifest.update()
            print(f"wrote {len(rows)} rows to data/{manifest.MANIFEST_NAME}")
        problems = manifest.verify()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0

    from pathlib import Path

    from explainers.build import commands, selection
    from explainers.site import browser

    try:
        if args.command == "build":
            return commands.build(
                jobs=args.jobs, only=args.only, force=args.force, progress=not args.no_progress
            )
        if args.command == "export":
            print(f"Site written to {commands.export_site(Path(args.site).resolve() if args.site else None)}")
            return 0
        if args.command == "pdf":
            for path in browser.print_site(Path(args.site).resolve() if args.site else None, only=args.only):
                print(f"wrote {path}")
            return 0
        return commands.execute_inplace(only=args.only)
    except (selection.BuildError, browser.BrowserError) as exc:
        print(f"explainers {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
