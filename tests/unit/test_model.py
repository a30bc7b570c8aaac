from graph.model import Label, Mention, merge_mentions, node_id


def test_node_id_is_stable_ascii_and_label_scoped() -> None:
    a = node_id(Label.DEPARTMENT, "青岛市商务局")
    assert a == node_id(Label.DEPARTMENT, "青岛市商务局")
    assert a.startswith("dept-") and a.isascii()
    assert a != node_id(Label.TASK_FORCE, "青岛市商务局")


def test_merge_mentions_dedupes_and_orders() -> None:
    m1 = Mention(source="b.txt", start=5, end=7, text="xx", sentence="xx", sentence_start=5)
    m2 = Mention(source="a.txt", start=1, end=2, text="y", sentence="y", sentence_start=1)
    assert merge_mentions([m1], [m2, m1]) == [m2, m1]
