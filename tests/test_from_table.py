"""A video per row of a table: from_table fills a template, batch renders the rows it made."""

from __future__ import annotations

import math
from pathlib import Path

import av
import pandas as pd
import pytest
from test_timeline_edits import ASSETS, UPLOADS

import nemo_notebook as nemo
from nemo_notebook.backend.studio.agent import plan_turn
from nemo_notebook.errors import InputError
from nemo_notebook.notebook.batch import BatchResult
from nemo_notebook.timeline import Timeline


def template() -> Timeline:
    """A photo promo whose title, caption and first photo come from the table."""
    made = plan_turn("make a 6-second promo from my photos with captions", None, assets=UPLOADS)
    timeline = Timeline(made.draft, ASSETS).set_title("{product}")
    table = timeline.segments
    table.loc["seg_1", "source"] = "{photo}"
    table.loc["price_tag"] = {
        "track": "Caption",
        "kind": "text",
        "text": "Only ${price}",
        "start": 3.0,
        "end": 6.0,
    }
    return timeline.with_segments(table)


PRODUCTS = pd.DataFrame(
    {
        "product": ["Aurora Mug", "Breeze Bottle", None, "Drift Headphones"],
        "price": [12.0, 18.5, 30.0, 99.0],
        "photo": ["photo1.png", "photo2.png", "photo0.png", "missing.png"],
    }
)


def test_each_row_fills_texts_title_and_sources() -> None:
    made = nemo.from_table(template(), PRODUCTS)
    assert list(made.columns) == ["product", "price", "photo", "timeline", "error"]
    first = made.loc[0, "timeline"]
    assert isinstance(first, Timeline)
    assert first.title == "Aurora Mug"
    texts = first.segments["text"].dropna().tolist()
    assert "Aurora Mug" in texts and "Only $12" in texts
    assert first.raw["t"][0]["sg"][0]["src"] == UPLOADS[1]["url"]
    assert first.segments.loc["seg_1", "source"] == "photo1.png"
    assert made.loc[1, "timeline"].segments["text"].dropna().tolist()[:2] == [
        "Breeze Bottle",
        "Only $18.5",
    ]


def test_rows_with_missing_or_bad_values_fail_alone_with_their_reason() -> None:
    made = nemo.from_table(template(), PRODUCTS)
    assert made["timeline"].isna().tolist() == [False, False, True, True]
    assert made.loc[2, "error"] == "column 'product' is empty"
    assert "'missing.png' is not an uploaded file" in made.loc[3, "error"]
    assert made.loc[0, "error"] is None


def test_a_template_asking_for_an_absent_column_is_refused_before_any_row() -> None:
    with pytest.raises(InputError, match=r"asks for \{colour\}.*no 'colour' column"):
        nemo.from_table(Timeline(template().draft).set_title("{colour}"), PRODUCTS)
    with pytest.raises(InputError, match="no \\{column\\} placeholders"):
        nemo.from_table(Timeline(plan_turn("a beach", None, assets=[]).draft), PRODUCTS)


@pytest.mark.slow
def test_batch_renders_each_good_row_and_explains_each_bad_one(tmp_path: Path) -> None:
    client = nemo.Client()
    session = client.session()
    session.chat("a 2-second clip of a calm sea with calm music")
    base = session.state().timeline.set_title("{product}")
    rows = nemo.from_table(base, PRODUCTS[["product", "price"]])
    result = nemo.batch(rows, concurrency=2, resolution="720p", out_dir=tmp_path, client=client)
    client.close()
    assert isinstance(result, BatchResult)
    assert list(result.columns) == ["product", "price", "status", "video_path", "seconds", "error"]
    assert result["status"].tolist() == ["ok", "ok", "error", "ok"]
    assert result.loc[2, "error"] == "column 'product' is empty"
    for path in result["video_path"].dropna():
        with av.open(path) as container:
            stream = container.streams.video[0]
            assert (stream.width, stream.height) == (1280, 720)
            assert container.duration / 1_000_000 == pytest.approx(2.0, abs=0.2)
    assert not math.isnan(result.loc[0, "seconds"])
    gallery = result.gallery()
    captions = [caption for caption, _ in gallery.items]
    assert captions[0] == "product: Aurora Mug · price: 12.0"
    assert captions[2].endswith("— column 'product' is empty")
    assert sum(p is not None for p in gallery.players) == 3


def test_batch_refuses_prompts_and_timelines_mixed_in_one_list() -> None:
    with pytest.raises(ValueError, match="prompts or timelines, not both"):
        nemo.batch(["a clip of rain", template()])
