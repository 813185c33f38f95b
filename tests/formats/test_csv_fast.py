"""The fast CSV export writes what the per-cell code it replaced wrote, byte for byte.

The reference below is that code, kept verbatim (flat records as dicts, ``csv.writer``,
``escape_formula`` on every cell, ``base_token`` per concept): the column-wise writer
(``formats.csvtext``), the value lists (``fields.template_cells``/``locale_cells``/
``concept_cells``), the block-wise base tokens and the tool rows are compared with it on
the seed glossary, on generated catalogues (hypothesis, and the 1,000 and 10,000-concept
benchmark catalogues when they have been generated) and on hypothesis-generated rows.
"""

from __future__ import annotations

import csv
import hashlib
import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glossarykit.formats import ExportOptions, csvfile, render_catalogue
from glossarykit.formats.base import export_locales
from glossarykit.formats.csvfile import (
    TTK_COLUMNS,
    column_name,
    entry_status,
    escape_formula,
    full_columns,
)
from glossarykit.formats.csvtext import (
    CellEscaper,
    columns_text,
    quote_cell,
    rows_text,
    write_texts,
)
from glossarykit.formats.fields import (
    COMMENT_KEYS,
    COMPONENT_SEPARATOR,
    FLAG_SEPARATOR,
    LOCALE_FIELDS,
    BaseTokens,
    base_tokens,
    concept_cells,
    concept_names,
    concept_records,
    field_name,
    join,
    lines,
    locale_index,
    locale_values,
    metadata_lines,
    other_comments,
    split_flags,
    template_values,
)
from glossarykit.formats.toolrows import ToolRow, one_line, tool_rows
from glossarykit.model import (
    Catalogue,
    CatalogueFile,
    Concept,
    Status,
    Synonym,
    comment_values,
)
from glossarykit.services.catalogue import load_catalogue

from ..conftest import REPO, generated_catalogue
from ..strategies import catalogues

# ---------------------------------------------------------------- the reference


def old_template_values(concept: Concept) -> dict[str, str]:
    return {
        "id": concept.id,
        "term": concept.term,
        "term-type": concept.term_type,
        "synonyms": join(concept.synonyms),
        "definition": concept.definition or "",
        "origin": concept.origin_label,
        "components": COMPONENT_SEPARATOR.join(concept.components),
        "domain": concept.domain,
        "metadata": join(metadata_lines(concept)),
        "references": join(concept.references),
        "definition-references": join(concept.definition_references),
        "flags": FLAG_SEPARATOR.join(concept.flags),
        "definition-flags": FLAG_SEPARATOR.join(concept.definition_flags),
        "comments": join(concept.comments),
        "definition-comments": join(concept.definition_comments),
    }


def old_locale_values(concept: Concept | None) -> dict[str, str]:
    if concept is None:
        return dict.fromkeys(LOCALE_FIELDS, "")
    values = {
        "rendering": concept.target,
        "definition": concept.definition_target,
    }
    for key in COMMENT_KEYS:
        values[key] = join(comment_values(concept.comments, key))
    values["comments"] = join(other_comments(concept.comments))
    values["flags"] = FLAG_SEPARATOR.join(concept.flags)
    values["definition-flags"] = FLAG_SEPARATOR.join(concept.definition_flags)
    values["definition-comments"] = join(concept.definition_comments)
    return values


def old_concept_records(
    catalogue: Catalogue, locales: list[str]
) -> list[dict[str, str]]:
    index = locale_index(catalogue, locales)
    records = []
    for concept in catalogue.concepts:
        values = old_template_values(concept)
        for locale in locales:
            side = old_locale_values(index[locale].get(concept.term))
            values.update({field_name(locale, k): v for k, v in side.items()})
        records.append(values)
    return records


def old_field_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]


def old_base_token(values: dict[str, str]) -> str:
    return " ".join(f"{k}={old_field_hash(v)}" for k, v in sorted(values.items()) if v)


def old_side_status(values: dict[str, str], locale: str) -> str:
    order = [s.value for s in Status]
    term = entry_status(
        values.get(field_name(locale, "rendering"), ""),
        split_flags(values.get(field_name(locale, "flags"), "")),
    )
    states = [term]
    if values.get("definition"):
        states.append(
            entry_status(
                values.get(field_name(locale, "definition"), ""),
                split_flags(values.get(field_name(locale, "definition-flags"), "")),
            )
        )
    return min(states, key=order.index)


def old_tool_rows(
    catalogue: Catalogue, locale: str, *, traditional: bool = True
) -> list[ToolRow]:
    variants = sorted(loc for loc in catalogue.locales if loc.startswith("zh_Hant"))
    used = [locale, *variants] if traditional else [locale]
    rows = []
    for values in old_concept_records(catalogue, used):
        target = values[field_name(locale, "rendering")]
        if not target or "machine" in split_flags(values[field_name(locale, "flags")]):
            continue
        forms = [
            values["term"],
            *(Synonym.parse(s).term for s in lines(values["synonyms"])),
        ]
        if traditional:
            for variant in variants:
                forms.append(values[field_name(variant, "rendering")])
                synonyms = lines(values[field_name(variant, "synonym")])
                forms += [Synonym.parse(s).term for s in synonyms]
        definition = values[field_name(locale, "definition")]
        comment = " | ".join(
            [
                definition,
                *(f"avoid: {a}" for a in lines(values[field_name(locale, "avoid")])),
            ]
        ).strip(" |")
        seen: set[str] = set()
        for form in forms:
            if form and form not in seen:
                seen.add(form)
                rows.append(
                    ToolRow(values["id"], form, target, comment, values["definition"])
                )
    return rows


def old_rows(catalogue: Catalogue, options: ExportOptions) -> list[list[str]]:
    if options.csv_shape != "full":
        chosen = [loc for loc in options.locales or [] if not loc.startswith("zh")]
        locale = chosen[0] if chosen else "en"
        found = old_tool_rows(
            catalogue, locale, traditional=options.csv_shape == "omegat"
        )
        if options.csv_shape == "omegat":
            return [[r.source, r.target, r.comment] for r in found]
        body = [
            [r.concept_id, r.source, r.target, r.comment, r.definition] for r in found
        ]
        return [list(TTK_COLUMNS), *body]
    locales = export_locales(catalogue, options)
    columns = full_columns(locales)
    rows = [columns]
    for values in old_concept_records(catalogue, locales):
        cells = {column_name(k): v for k, v in values.items()}
        for locale in locales:
            cells[csvfile._status_column(locale)] = old_side_status(values, locale)
        if options.record_base:
            cells[csvfile.BASE_COLUMN] = old_base_token(values)
        rows.append([cells.get(column, "") for column in columns])
    return rows


def old_csv(catalogue: Catalogue, options: ExportOptions) -> bytes:
    escape = options.escape_formulas
    if escape is None:
        escape = options.csv_shape == "full"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in old_rows(catalogue, options):
        writer.writerow([escape_formula(c) if escape else c for c in row])
    return (("\ufeff" if options.bom else "") + buffer.getvalue()).encode("utf-8")


def old_tsv(catalogue: Catalogue) -> bytes:
    out = ["# -*- coding: utf-8 -*-\n"]
    for row in old_tool_rows(catalogue, "en"):
        cells = (one_line(row.source), one_line(row.target), one_line(row.comment))
        out.append("\t".join(cells) + "\n")
    return "".join(out).encode("utf-8")


# ---------------------------------------------------------------- the comparisons

VARIANTS = {
    "full": ExportOptions(),
    "full-bom": ExportOptions(bom=True),
    "full-no-escape": ExportOptions(escape_formulas=False),
    "full-no-base": ExportOptions(record_base=False),
    "full-en": ExportOptions(locales=["en"]),
    "omegat": ExportOptions(csv_shape="omegat"),
    "omegat-escaped": ExportOptions(csv_shape="omegat", escape_formulas=True),
    "ttk": ExportOptions(csv_shape="ttk"),
    "ttk-escaped-bom": ExportOptions(csv_shape="ttk", escape_formulas=True, bom=True),
}


def assert_same_export(catalogue: Catalogue, names: list[str] | None = None) -> None:
    for name in names or list(VARIANTS):
        options = VARIANTS[name]
        if options.locales and not set(options.locales) <= set(catalogue.locales):
            continue
        if options.csv_shape != "full" and "en" not in catalogue.locales:
            continue
        assert render_catalogue(catalogue, "csv", options) == old_csv(
            catalogue, options
        ), name
    if "en" in catalogue.locales:
        assert render_catalogue(catalogue, "tsv", ExportOptions()) == old_tsv(catalogue)


def assert_same_values(catalogue: Catalogue) -> None:
    locales = sorted(catalogue.locales)
    records = concept_records(catalogue, locales)
    old = old_concept_records(catalogue, locales)
    assert records == old
    # The key order too (the records are dicts that writers may walk).
    assert [list(r) for r in records] == [list(r) for r in old]
    names = concept_names(locales)
    cells = list(concept_cells(catalogue, locales))
    assert [dict(zip(names, c, strict=True)) for c in cells] == old
    for concept in catalogue.concepts:
        assert list(template_values(concept).items()) == list(
            old_template_values(concept).items()
        )
    for file in catalogue.locales.values():
        for concept in file.concepts:
            assert list(locale_values(concept).items()) == list(
                old_locale_values(concept).items()
            )
    assert list(locale_values(None).items()) == list(old_locale_values(None).items())
    tokens = [old_base_token(r) for r in old]
    columns = list(zip(*cells, strict=True)) if cells else [()] * len(names)
    assert base_tokens(names, columns, len(cells)) == tokens
    per_row = BaseTokens(names)
    assert [per_row(c) for c in cells] == tokens
    for locale in locales:
        for traditional in (True, False):
            assert tool_rows(catalogue, locale, traditional=traditional) == (
                old_tool_rows(catalogue, locale, traditional=traditional)
            )


def test_seed_glossary_exports_as_before() -> None:
    catalogue = load_catalogue(REPO)
    assert_same_values(catalogue)
    assert_same_export(catalogue)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=catalogues(max_concepts=6))
def test_generated_catalogues_export_as_before(catalogue: Catalogue) -> None:
    assert_same_values(catalogue)
    assert_same_export(catalogue)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=catalogues(max_concepts=8))
def test_blocks_of_a_few_rows_export_as_before(
    catalogue: Catalogue,
) -> None:
    # Blocks of two rows: every block boundary case on small catalogues.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvfile, "_BLOCK_ROWS", 2)
        assert_same_export(catalogue, ["full", "full-bom", "omegat", "ttk"])
        assert csvfile.CSV._rows(catalogue, ExportOptions()) == old_rows(
            catalogue, ExportOptions()
        )


def test_a_template_without_locales_exports_as_before() -> None:
    seed = load_catalogue(REPO)
    catalogue = Catalogue(seed.template, {})
    assert_same_values(catalogue)
    assert_same_export(catalogue, ["full", "full-no-base"])


def test_an_empty_catalogue_exports_as_before() -> None:
    catalogue = Catalogue(CatalogueFile(), {"en": CatalogueFile(locale="en")})
    assert_same_export(catalogue)
    assert csvfile.CSV._rows(catalogue, ExportOptions()) == old_rows(
        catalogue, ExportOptions()
    )


@pytest.mark.parametrize("size", [1000, 10000])
def test_benchmark_catalogues_export_as_before(size: int) -> None:
    root = generated_catalogue(size)
    catalogue = load_catalogue(root)
    if size == 1000:
        assert_same_values(catalogue)
        assert_same_export(catalogue)
    else:  # more than two blocks of rows
        assert_same_export(catalogue, ["full"])


# ---------------------------------------------------------------- the CSV text

# Every character csv.writer or the formula escape treats specially, and some it does not.
_CELL = st.text(
    alphabet=st.sampled_from(
        list(",\"'\r\n\t =+-@\x00\x0b\x0c\x1c\x85\u2028") + list("三社“”，a1")
    ),
    max_size=6,
)


@given(rows=st.lists(st.lists(_CELL, min_size=0, max_size=4), max_size=6))
@example(rows=[[""]])
@example(rows=[[]])
@example(rows=[["", ""], ["", ""]])
@example(rows=[["'=1", "''", "'x"]])
def test_rows_text_is_what_csv_writer_writes(rows: list[list[str]]) -> None:
    for escape in (False, True):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow([escape_formula(c) for c in row] if escape else row)
        escaper = csvfile._ESCAPER if escape else None
        assert rows_text(rows, escaper) == buffer.getvalue()


@given(width=st.integers(2, 5), cells=st.lists(_CELL, min_size=1, max_size=30))
def test_columns_text_is_what_csv_writer_writes(width: int, cells: list[str]) -> None:
    rows = [cells[i : i + width] for i in range(0, len(cells) - width + 1, width)]
    if not rows:
        return
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([escape_formula(c) for c in row] for row in rows)
    columns = list(zip(*rows, strict=True))
    assert columns_text(columns, csvfile._ESCAPER) == buffer.getvalue()


@given(column=st.lists(_CELL, min_size=1, max_size=8))
@example(column=["a\x00=b"])  # a NUL in a cell: a false alarm, settled per cell
@example(column=["x", "\x00="])
def test_the_column_escape_changes_what_escape_formula_changes(
    column: list[str],
) -> None:
    escaper = CellEscaper("".join((*csvfile.FORMULA_TRIGGERS, "'")), escape_formula)
    changed = escaper.column(column, "\x00".join(column))
    expected = [escape_formula(c) for c in column]
    if changed is None:
        assert expected == column
    else:
        assert list(changed) == expected


@given(cell=_CELL)
def test_quote_cell_is_csv_writers_quoting(cell: str) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow([cell, ""])
    assert quote_cell(cell) + ",\r\n" == buffer.getvalue()


def test_an_unencodable_character_fails_as_encoding_the_whole_text() -> None:
    texts = ["a,b\r\n" * 3, "c,\ud800\ud801x\r\n", "d\r\n"]
    with pytest.raises(UnicodeEncodeError) as whole:
        ("\ufeff" + "".join(texts)).encode("utf-8")
    stream = io.BytesIO()
    with pytest.raises(UnicodeEncodeError) as chunked:
        write_texts(iter(texts), stream, "\ufeff")
    assert str(chunked.value) == str(whole.value)
    assert (chunked.value.start, chunked.value.end) == (
        whole.value.start,
        whole.value.end,
    )


def test_texts_are_written_after_the_start() -> None:
    stream = io.BytesIO()
    write_texts(iter(["a\r\n", "", "b\r\n"]), stream, "\ufeff")
    assert stream.getvalue() == "\ufeffa\r\nb\r\n".encode()
    empty = io.BytesIO()
    write_texts(iter([]), empty, "\ufeff")
    assert empty.getvalue() == "\ufeff".encode()


def test_base_tokens_with_a_name_given_twice_keep_the_later_column() -> None:
    names = ["term", "en:rendering", "term"]
    columns = [("a", "b"), ("x", ""), ("c", "")]
    expected = [
        old_base_token(dict(zip(names, row, strict=True)))
        for row in zip(*columns, strict=True)
    ]
    assert base_tokens(names, columns, 2) == expected
    per_row = BaseTokens(names)
    assert [per_row(list(row)) for row in zip(*columns, strict=True)] == expected


def test_repeated_values_get_the_same_digest() -> None:
    # Enough repetition for the distinct-value path of base_tokens.
    names = ["origin", "domain"]
    columns = [("mined",) * 9 + ("",), ("",) * 5 + ("社会治理",) * 5]
    expected = [
        old_base_token(dict(zip(names, row, strict=True)))
        for row in zip(*columns, strict=True)
    ]
    assert base_tokens(names, columns, 10) == expected
