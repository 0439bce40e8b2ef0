import numpy as np

from models.embeddings import E5Embedder, QueryVectors


def _counting(dim: int = 4):
    calls: list[list[str]] = []

    def compute(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.array([[len(t), i, 1.0, 2.0][:dim] for i, t in enumerate(texts)], np.float32)

    return calls, compute


def test_query_vectors_compute_each_distinct_text_once_and_return_it_again():
    cache = QueryVectors(size=8)
    calls, compute = _counting()
    first = cache.encode(["ab", "abc", "ab"], compute, 4)
    again = cache.encode(["abc", "ab"], compute, 4)
    assert calls == [["ab", "abc"]]
    np.testing.assert_array_equal(first[0], first[2])
    np.testing.assert_array_equal(again, first[[1, 0]])


def test_query_vectors_forget_the_least_recently_used_text_beyond_their_size():
    cache = QueryVectors(size=2)
    calls, compute = _counting()
    cache.encode(["a"], compute, 4)
    cache.encode(["bb"], compute, 4)
    cache.encode(["a"], compute, 4)  # "a" is now the most recent
    cache.encode(["ccc"], compute, 4)  # evicts "bb"
    cache.encode(["a", "bb"], compute, 4)
    assert calls == [["a"], ["bb"], ["ccc"], ["bb"]]


def test_query_vectors_give_each_caller_its_own_copy():
    cache = QueryVectors()
    _, compute = _counting()
    cache.encode(["abc"], compute, 4)[0] *= 0
    assert cache.encode(["abc"], compute, 4)[0][0] == 3


def test_e5_remembered_query_vector_is_the_engines_own():
    embedder = E5Embedder()
    text = "assegno di ricerca fotonica Milano"
    first = embedder.encode_queries([text, "battery engineer"])
    remembered = embedder.encode_queries([text])
    embedder.queries.clear()
    fresh = embedder.encode_queries([text])
    np.testing.assert_array_equal(remembered[0], first[0])
    np.testing.assert_allclose(fresh[0], first[0], atol=1e-6)
    assert float(first[0] @ first[1]) < 0.99  # two queries, two vectors: no row copied into another


def test_e5_queries_on_one_thread_give_the_vectors_of_every_core_and_leave_documents_every_core():
    one_thread, every_core = E5Embedder(), E5Embedder(query_threads=None)
    assert one_thread._openmp is not None  # the wheel's OpenMP runtime was found
    before = one_thread._openmp.omp_get_max_threads()
    texts = ["ingegnere batterie", "ricercatore rischio sismico Catania"]
    np.testing.assert_allclose(one_thread.encode_queries(texts), every_core.encode_queries(texts), atol=1e-6)
    assert one_thread._openmp.omp_get_max_threads() == before
