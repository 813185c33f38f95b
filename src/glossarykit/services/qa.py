"""Validate catalogues: find the files, read them, run the checks, collect a report.

``validate(paths, select, ignore)`` takes PO/POT files and folders. A glossary folder (one
holding ``glossary/glossary.pot``) means its template and every locale PO; any other folder
means every PO/POT below it. A file that cannot be parsed becomes a ``parse-error`` finding
and the other files are still checked. Each locale PO is checked against its template: the
template of its glossary folder, or else the POT of the same name among the files checked.

The checks themselves are pure (``checks``); this module injects what they need: the cited
source documents, an OpenCC-backed Traditional-character detector and the variant converter.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks import Check, CheckContext, Finding, Severity, all_checks, run_checks
from ..errors import CatalogueError, CatalogueParseError, GlossaryError
from ..fileio import read_source_text
from ..formats.po import read_po
from ..gcpause import collector_paused
from ..model import CatalogueFile
from .catalogue import LOCALES_DIR, TEMPLATE_PATH, find_locale_files, is_catalogue_root
from .filelines import FileLines

PARSE_ERROR = "parse-error"
CATALOGUE_SUFFIXES = (".po", ".pot")
REPORT_VERSION = 1
_VERB_FIRST = re.compile(r"^(is|starts|contains|declares) ")


class UnknownCheckError(GlossaryError):
    """``--select`` or ``--ignore`` names a check that does not exist."""


@dataclass
class Report:
    """The outcome of one validation run: the files checked and what was found in them."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity is severity)

    def failed(self, fail_on: Severity = Severity.ERROR) -> bool:
        """True when a finding is at or above ``fail_on`` (the run exits 1)."""
        return any(f.severity.rank >= fail_on.rank for f in self.findings)

    def as_dict(self, fail_on: Severity = Severity.ERROR) -> dict[str, Any]:
        """The JSON form (schemas/validate.schema.json); key order is part of the contract."""
        by_check = Counter(f.check_id for f in self.findings)
        return {
            "version": REPORT_VERSION,
            "files": list(self.files),
            "checks": list(self.checks),
            "findings": [
                {
                    "path": f.path,
                    "line": f.line or None,
                    "severity": f.severity.value,
                    "check_id": f.check_id,
                    "message": f.message,
                    "concept_id": f.concept_id,
                    "term": f.term,
                }
                for f in self.findings
            ],
            "counts": {
                "error": self.count(Severity.ERROR),
                "warning": self.count(Severity.WARNING),
                "by_check": dict(sorted(by_check.items())),
            },
            "fail_on": fail_on.value,
            "failed": self.failed(fail_on),
        }


def select_checks(
    select: Iterable[str] | None = None, ignore: Iterable[str] = ()
) -> list[Check]:
    """The checks to run: ``select`` (default: those enabled by default) minus ``ignore``.

    :raises UnknownCheckError: an id that is not a check (exit 2).
    """
    known = {c.id: c for c in all_checks()}
    chosen = list(select) if select else []
    ignored = list(ignore)
    unknown = [i for i in [*chosen, *ignored] if i not in known]
    if unknown:
        raise UnknownCheckError(
            f"unknown check id {', '.join(dict.fromkeys(unknown))}",
            hint="`glossary checks` lists the ids",
        )
    if chosen:
        wanted = set(chosen)
        checks = [c for c in known.values() if c.id in wanted]
    else:
        checks = [c for c in known.values() if c.default_enabled]
    return [c for c in checks if c.id not in set(ignored)]


def validate(
    paths: Sequence[Path],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> Report:
    """Check the catalogue files at ``paths`` (files or folders) and report what is wrong.

    :raises CatalogueError: a path does not exist, is not a PO/POT file, or a folder holds
        none (exit 2: nothing usable to check).
    :raises UnknownCheckError: ``select`` or ``ignore`` names an unknown check (exit 2).
    """
    checks = select_checks(select, ignore)
    files = collect_files(paths)
    run = _Run(files, checks)
    report = Report(
        files=[display_path(p) for p in files], checks=[c.id for c in checks]
    )
    with collector_paused():  # a fifth of the checks' time at 100,000 concepts
        for path in files:
            report.findings.extend(run.check_file(path))
    report.findings.extend(run.template_findings)
    report.findings.sort(key=Finding.sort_key)
    return report


def collect_files(paths: Sequence[Path]) -> list[Path]:
    """The PO/POT files to check at ``paths``, in order, each once."""
    found: dict[Path, Path] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            members = _folder_files(path)
            if not members:
                raise CatalogueError(
                    "nothing to check: no PO or POT file in this folder",
                    path=path,
                    hint="Pass PO/POT files or a folder that holds glossary/glossary.pot",
                )
        elif path.is_file():
            if path.suffix not in CATALOGUE_SUFFIXES:
                raise CatalogueError(
                    "is not a PO or POT file",
                    path=path,
                    hint="Pass .po/.pot files or catalogue folders",
                )
            members = [path]
        else:
            raise CatalogueError(
                "no such file or folder",
                path=path,
                hint="Pass PO/POT files or catalogue folders",
            )
        for member in members:
            found.setdefault(member.resolve(), member)
    if not found:
        raise CatalogueError(
            "nothing to check", hint="Pass PO/POT files or catalogue folders"
        )
    return list(found.values())


def _folder_files(folder: Path) -> list[Path]:
    if is_catalogue_root(folder):
        return [folder / TEMPLATE_PATH, *find_locale_files(folder).values()]
    found = []
    for base, dirs, names in os.walk(folder):
        # Hidden folders (.git, .venv, .tox) hold tools' files, not catalogues.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [
            Path(base) / n for n in sorted(names) if n.endswith(CATALOGUE_SUFFIXES)
        ]
    return found


def catalogue_root_of(path: Path) -> Path | None:
    """The glossary folder a file belongs to by its place in the layout, if any.

    ``R/glossary/glossary.pot`` and ``R/locales/<locale>/LC_MESSAGES/*.po`` belong to ``R``
    when ``R`` holds the template. (No search upwards: a stray PO below a glossary folder,
    such as a test fixture, is not part of it.)
    """
    path = Path(path).absolute()
    if path.parent.name == TEMPLATE_PATH.parent.name:
        root = path.parent.parent
    elif path.parent.name == "LC_MESSAGES" and path.parent.parent.parent.name == str(
        LOCALES_DIR
    ):
        root = path.parents[3]
    else:
        return None
    return root if is_catalogue_root(root) else None


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it, else as given."""
    try:
        return Path(path).absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(path).as_posix()


class _Run:
    """The state of one validation run: files read once, sources read once."""

    def __init__(self, files: list[Path], checks: list[Check]) -> None:
        self.checks = checks
        self.report_parse_errors = any(c.id == PARSE_ERROR for c in checks)
        self._in_run = {p.resolve() for p in files}
        self.parsed: dict[Path, CatalogueFile | CatalogueParseError] = {}
        self._reported_templates: set[Path] = set()
        self.sources: dict[Path, list[str] | None] = {}
        self.template_findings: list[Finding] = []
        self._templates_by_stem: dict[str, list[Path]] = {}
        for path in files:
            if path.suffix == ".pot":
                self._templates_by_stem.setdefault(path.stem, []).append(path)
        self._detector: Callable[[str], str] | None = None

    def check_file(self, path: Path) -> list[Finding]:
        file, error = self._read(path)
        if file is None:
            if error is None or not self.report_parse_errors:
                return []
            return [self._parse_finding(path, error)]
        return run_checks(self.context(path, file), self.checks)

    def context(self, path: Path, file: CatalogueFile) -> CheckContext:
        """What the checks of ``file`` (read from ``path``) may look at."""
        template = None if file.is_template else self._template_for(path)
        return CheckContext(
            file=file,
            path=display_path(path),
            template=template,
            lines=FileLines(path),
            sources=self._sources_for(file, path, template),
            traditional_chars=self._traditional_chars,
            traditional_chars_many=_traditional_chars_many,
            convert=_convert_variant,
        )

    def _read(
        self, path: Path
    ) -> tuple[CatalogueFile | None, CatalogueParseError | None]:
        key = path.resolve()
        if key not in self.parsed:
            self.parsed[key] = self._parse(path)
        result = self.parsed[key]
        if isinstance(result, CatalogueParseError):
            return None, result
        return result, None

    @staticmethod
    def _parse(path: Path) -> CatalogueFile | CatalogueParseError:
        try:
            file = read_po(path)
        except CatalogueParseError as exc:
            return exc
        root = catalogue_root_of(path)
        if root is not None and path.suffix == ".po":
            # In a glossary folder the locale is the folder's name (as load_catalogue has it).
            file.locale = path.parents[1].name
        return file

    @staticmethod
    def _parse_finding(path: Path, error: CatalogueParseError) -> Finding:
        message = error.message
        if _VERB_FIRST.match(message):
            message = f"the file {message}"  # "is not valid UTF-8" reads as a sentence
        if error.hint:
            message = f"{message.rstrip('.')}. {error.hint}"
        return Finding(
            path=display_path(path),
            line=error.line,
            severity=Severity.ERROR,
            check_id=PARSE_ERROR,
            message=message,
        )

    def _template_for(self, path: Path) -> CatalogueFile | None:
        root = catalogue_root_of(path)
        if root is not None:
            candidate: Path | None = root / TEMPLATE_PATH
        else:
            same_dir = path.with_suffix(".pot")
            stems = self._templates_by_stem.get(path.stem, [])
            if same_dir.is_file():
                candidate = same_dir
            elif len(stems) == 1:
                candidate = stems[0]
            else:
                candidate = None
        if candidate is None:
            return None
        file, error = self._read(candidate)
        key = candidate.resolve()
        if (
            error is not None
            and key not in self._in_run
            and self.report_parse_errors
            and key not in self._reported_templates
        ):
            self._reported_templates.add(key)
            # The template is read for context only; still say why it was no use.
            self.template_findings.append(self._parse_finding(candidate, error))
        return file

    def _sources_for(
        self, file: CatalogueFile, path: Path, template: CatalogueFile | None
    ) -> dict[str, list[str] | None]:
        if not (file.is_template or template is None):
            return {}
        base = _source_base(path)
        wanted = {
            ref.path
            for concept in file.concepts
            if concept.origin == "annotated"
            for ref in concept.definition_references
        }
        return {ref: self._source_lines(base / ref) for ref in sorted(wanted)}

    def _source_lines(self, path: Path) -> list[str] | None:
        key = path.resolve()
        if key not in self.sources:
            try:
                self.sources[key] = read_source_text(path).splitlines()
            except (OSError, UnicodeDecodeError):
                self.sources[key] = None
        return self.sources[key]

    def _traditional_chars(self, text: str) -> str:
        if self._detector is None:
            self._detector = _traditional_detector()
        return self._detector(text)


def _source_base(path: Path) -> Path:
    """Where ``#:`` paths of a file are relative to: the folder that holds ``glossary/``."""
    root = catalogue_root_of(path)
    if root is not None:
        return root
    parent = Path(path).parent
    return parent.parent if parent.name == TEMPLATE_PATH.parent.name else parent


def _traditional_detector() -> Callable[[str], str]:
    """Traditional-only characters of a text: those OpenCC t2s changes (phrase-aware)."""
    from .convert import convert_text

    def detect(text: str) -> str:
        return _changed_chars(text, convert_text(text, "t2s"))

    return detect


# Texts per OpenCC call (bounds the memory of one conversion to a few megabytes).
_DETECT_BATCH = 20_000


def _traditional_chars_many(texts: Sequence[str]) -> list[str]:
    """The detector's answer for each of ``texts``, with one OpenCC call for them all.

    OpenCC converts lines independently (its dictionaries hold no newline, so no match
    spans one): texts without a newline are converted joined by newlines, and split again.
    A text with a newline or a NUL (where the C library stops), or a batch that does not
    split back into as many lines, is converted on its own.
    """
    from .convert import convert_text

    simplified: list[str | None] = [None] * len(texts)
    batch = [i for i, t in enumerate(texts) if "\n" not in t and "\0" not in t]
    for first in range(0, len(batch), _DETECT_BATCH):
        part = batch[first : first + _DETECT_BATCH]
        lines = convert_text("\n".join(texts[i] for i in part), "t2s").split("\n")
        if len(lines) == len(part):
            for index, line in zip(part, lines, strict=True):
                simplified[index] = line
    return [
        ""
        if result == text
        else _changed_chars(
            text, convert_text(text, "t2s") if result is None else result
        )
        for text, result in zip(texts, simplified, strict=True)
    ]


def _changed_chars(text: str, simplified: str) -> str:
    """The characters of ``text`` that t2s changed, given its conversion ``simplified``."""
    if simplified == text:
        return ""
    if len(simplified) == len(text):
        changed = (a for a, b in zip(text, simplified, strict=True) if a != b)
    else:
        from .convert import convert_text

        changed = (c for c in text if convert_text(c, "t2s") != c)
    return "".join(dict.fromkeys(changed))


def _convert_variant(text: str, config: str, locale: str) -> str | None:
    """``text`` converted as a variant catalogue holds it; None for an unknown config."""
    from . import convert

    if not config:
        if locale not in convert.VARIANT_CONFIGS:
            return None
        return convert.expected_variant(text, locale)
    if config not in convert.KNOWN_CONFIGS:
        return None
    return convert.convert_text(text, config)
