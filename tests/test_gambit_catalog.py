"""Cross-check of games.io against pygambit on every game file of pygambit's bundled catalog.

For each ``.efg``/``.nfg`` file shipped in ``pygambit/catalog_data``: govgames reads it; the tree
(node kinds, players, actions, chance probabilities, information-set partition, payoffs summed along
each path as Gambit does) or the payoff table agrees exactly with pygambit's reading; the reduced
strategic forms agree strategy by strategy; the file govgames writes is read back by pygambit as the
same game. On the strategic-form files, and on the reduced strategic forms of the two-player trees with
perfect recall, every extreme equilibrium pygambit's ``enummixed_solve`` finds (rational) is among
``solvers.equilibria``'s (the two sets coincide), each of which has exactly zero regret.
"""

from __future__ import annotations

import itertools
import pathlib
import warnings
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings, strategies as st

pygambit = pytest.importorskip("pygambit")

from games.errors import GovgamesWarning, UnsupportedGame  # noqa: E402
from games.io import LabelsRenamedWarning, parse_efg, parse_nfg, read_efg, read_nfg, write_efg, write_nfg  # noqa: E402
from solvers import equilibria  # noqa: E402
from solvers.backward_induction import subgame_perfect, verify_subgame_perfect  # noqa: E402

CATALOG = pathlib.Path(pygambit.__file__).parent / "catalog_data"
FILES = sorted(p.relative_to(CATALOG).as_posix() for p in CATALOG.rglob("*") if p.suffix in (".efg", ".nfg"))
NFG_FILES = [f for f in FILES if f.endswith(".nfg")]
EFG_FILES = [f for f in FILES if f.endswith(".efg")]
TIME_LIMIT = 60.0


def _ours(path: pathlib.Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LabelsRenamedWarning)
        return read_efg(path) if path.suffix == ".efg" else read_nfg(path)


def _gambit(path: pathlib.Path):
    return pygambit.read_efg(str(path)) if path.suffix == ".efg" else pygambit.read_nfg(str(path))


def _q(v) -> sympy.Rational:
    f = Fraction(v)
    return sympy.Rational(f.numerator, f.denominator)


def _gambit_nodes(game) -> list[dict]:
    """Gambit's tree in preorder: kind, player, infoset key, actions, probabilities, path payoffs."""
    players = list(game.players)
    out = []
    stack = [(game.root, (sympy.Integer(0),) * len(players))]
    while stack:
        node, acc = stack.pop()
        try:  # pygambit 16.7 wraps a missing outcome in an object whose lookups raise KeyError
            own = [_q(node.outcome[p]) for p in players]
        except KeyError:
            own = None
        if own is not None:
            acc = tuple(a + b for a, b in zip(acc, own))
        rec = {"node": node}
        if node.is_terminal:
            rec.update(kind="t", payoffs=acc)
        else:
            inf = node.infoset
            acts = list(inf.actions)
            rec.update(actions=tuple(a.label for a in acts), infoset=inf)
            if inf.is_chance:
                rec.update(kind="c", probs=tuple(_q(a.prob) for a in acts))
            else:
                rec.update(kind="d", player=node.player.label, absent_minded=inf.is_absent_minded,
                           ikey=(node.player.label, inf.number))
            stack.extend((c, acc) for c in reversed(list(node.children)))
        out.append(rec)
    return out


def _partition(keys) -> set:
    groups: dict = {}
    for i, k in enumerate(keys):
        if k is not None:
            groups.setdefault(k, set()).add(i)
    return {frozenset(v) for v in groups.values()}


def _same_gambit_trees(a, b) -> None:
    """Two pygambit games are the same extensive game (labels, structure, payoffs, infosets)."""
    assert [p.label for p in a.players] == [p.label for p in b.players]
    na, nb = _gambit_nodes(a), _gambit_nodes(b)
    assert len(na) == len(nb)
    for x, y in zip(na, nb):
        assert {k: v for k, v in x.items() if k not in ("node", "infoset", "ikey")} == \
            {k: v for k, v in y.items() if k not in ("node", "infoset", "ikey")}
    assert _partition(r.get("ikey") for r in na) == _partition(r.get("ikey") for r in nb)


@pytest.mark.parametrize("name", FILES)
def test_read_agrees_with_pygambit(name):
    path = CATALOG / name
    ours, theirs = _ours(path), _gambit(path)
    if path.suffix == ".nfg":
        assert ours.players == tuple(p.label for p in theirs.players)
        assert ours.strategies == tuple(tuple(s.label for s in p.strategies) for p in theirs.players)
        tables = theirs.to_arrays(dtype=Fraction)
        for prof in itertools.product(*(range(k) for k in ours.shape)):
            assert ours.payoff(prof) == tuple(_q(t[prof]) for t in tables), prof
        return
    assert ours.players == tuple(p.label for p in theirs.players)
    recs = _gambit_nodes(theirs)
    assert len(ours) == len(recs)
    for h, r in zip(ours.nodes, recs):
        nd = ours.node(h)
        assert nd.kind[0] == r["kind"], h
        if r["kind"] == "t":
            assert nd.payoffs == r["payoffs"], h  # outcomes on inner nodes folded in exactly
            continue
        assert nd.actions == r["actions"], h  # Gambit's names for empty or repeated labels
        if r["kind"] == "c":
            assert nd.probabilities == r["probs"], h
        else:
            assert nd.player == r["player"], h
    ours_keys = [ours.node(h).infoset for h in ours.nodes]
    assert _partition(ours_keys) == _partition(r.get("ikey") for r in recs)
    # recall: the tree's flags against Gambit's
    assert ours.has_perfect_recall == theirs.is_perfect_recall
    am_nodes = {ours.nodes.index(h) for s in ours.absent_minded_infosets for h in ours.infosets[s]}
    assert am_nodes == {i for i, r in enumerate(recs) if r["kind"] == "d" and r["absent_minded"]}


def _strategy_order(tree, game) -> list[list[int]]:
    """For each player, the index in ``tree.to_normal_form()`` of each of Gambit's reduced strategies."""
    recs = _gambit_nodes(game)
    label = {}  # Gambit's infosets -> our labels, through the preorder node correspondence
    for h, r in zip(tree.nodes, recs):
        if r["kind"] == "d":
            label.setdefault(r["ikey"], tree.node(h).infoset)
    order = []
    for i, p in enumerate(game.players):
        ours = {frozenset(s.items()): k for k, s in enumerate(tree._reduced_strategies(i))}
        idx = []
        for s in p.strategies:
            key = frozenset((label[(p.label, inf.number)], s.action(inf).label)
                            for inf in p.infosets if s.action(inf) is not None)
            idx.append(ours[key])
        order.append(idx)
    return order


@pytest.mark.parametrize("name", EFG_FILES)
def test_reduced_strategic_form_agrees_with_pygambit(name):
    path = CATALOG / name
    tree, game = _ours(path), _gambit(path)
    nf = tree.to_normal_form()
    players = list(game.players)
    order = _strategy_order(tree, game)
    for i, idx in enumerate(order):
        assert sorted(idx) == list(range(nf.shape[i]))  # a bijection of reduced strategies
    strategies = [list(p.strategies) for p in players]
    for prof in itertools.product(*(range(len(s)) for s in strategies)):
        if game.is_perfect_recall:
            mixed = game.mixed_strategy_profile(rational=True)
            for p, strats, k in zip(players, strategies, prof):
                for j, s in enumerate(strats):
                    mixed[s] = 1 if j == k else 0
            theirs = tuple(_q(mixed.payoff(p)) for p in players)
        else:  # pygambit refuses mixed strategies here; play Gambit's pure strategies on Gambit's tree
            theirs = _gambit_pure_payoff(game, [strats[k] for strats, k in zip(strategies, prof)])
        assert nf.payoff(tuple(order[i][k] for i, k in enumerate(prof))) == theirs, prof


def _gambit_pure_payoff(game, strategies) -> tuple:
    """Expected payoffs when each player follows a Gambit pure strategy (``Strategy.action``)."""
    players = list(game.players)
    by_player = {p.label: s for p, s in zip(players, strategies)}
    total = [sympy.Integer(0)] * len(players)
    stack = [(game.root, sympy.Integer(1))]
    while stack:
        node, w = stack.pop()
        try:
            own = [_q(node.outcome[p]) for p in players]
        except KeyError:
            own = None
        if own is not None:
            total = [t + w * v for t, v in zip(total, own)]
        if node.is_terminal:
            continue
        inf = node.infoset
        acts = list(inf.actions)
        kids = list(node.children)
        if inf.is_chance:
            stack.extend((c, w * _q(a.prob)) for c, a in zip(kids, acts))
        else:
            chosen = by_player[node.player.label].action(inf)
            stack.append((kids[[a.label for a in acts].index(chosen.label)], w))
    return tuple(total)


@pytest.mark.parametrize("name", FILES)
def test_written_file_reads_back_in_pygambit_as_the_same_game(name, tmp_path):
    path = CATALOG / name
    ours, theirs = _ours(path), _gambit(path)
    out = tmp_path / pathlib.Path(name).name
    if path.suffix == ".nfg":
        for fmt in ("payoffs", "outcomes"):
            write_nfg(ours, out, format=fmt)
            back = pygambit.read_nfg(str(out))
            assert [p.label for p in back.players] == [p.label for p in theirs.players]
            assert [[s.label for s in p.strategies] for p in back.players] == \
                [[s.label for s in p.strategies] for p in theirs.players]
            for t1, t2 in zip(back.to_arrays(dtype=Fraction), theirs.to_arrays(dtype=Fraction)):
                assert (t1 == t2).all()
            assert parse_nfg(out.read_text()) == ours
        return
    write_efg(ours, out)
    back = pygambit.read_efg(str(out))
    _same_gambit_trees(back, theirs)
    assert parse_efg(out.read_text()) == ours


def _profile(eq, game) -> tuple:
    return tuple(tuple(_q(eq[s]) for s in p.strategies) for p in game.players)


@pytest.mark.parametrize("name", NFG_FILES)
def test_equilibria_contain_pygambit_enummixed(name):
    path = CATALOG / name
    ours, theirs = _ours(path), _gambit(path)
    if ours.n_players != 2:
        pytest.skip(f"{name}: {ours.n_players} players; pygambit's enummixed_solve is two-player only")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", GovgamesWarning)  # degenerate games: continua reported in .components
            eqs = equilibria(ours, time_limit=TIME_LIMIT)
    except UnsupportedGame as err:
        pytest.skip(f"{name}: our enumeration did not finish within {TIME_LIMIT} s ({err})")
    assert eqs.complete and eqs.exact
    for e in eqs:
        assert all(r == 0 for r in e.regret(ours)), e  # exact zero regret
    found = {tuple(tuple(sympy.Rational(v) for v in s) for s in e.profile) for e in eqs}
    gambit = set()
    for eq in pygambit.nash.enummixed_solve(theirs, rational=True).equilibria:
        assert eq.max_regret() == 0
        assert _profile(eq, theirs) in found
        gambit.add(_profile(eq, theirs))
    # both list the extreme equilibria (vertices of the best-response polytopes): the sets coincide
    assert found == gambit


@pytest.mark.parametrize("name", EFG_FILES)
def test_tree_equilibria_contain_pygambit_enummixed(name):
    # the same check on the reduced strategic forms of the two-player trees with perfect recall
    path = CATALOG / name
    tree, game = _ours(path), _gambit(path)
    if tree.n_players != 2 or not tree.has_perfect_recall:
        pytest.skip(f"{name}: {tree.n_players} players, perfect recall {tree.has_perfect_recall}; "
                    "pygambit's enummixed_solve needs two players and perfect recall")
    nf = tree.to_normal_form()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", GovgamesWarning)  # degenerate games: continua reported in .components
            eqs = equilibria(nf, time_limit=TIME_LIMIT)
    except UnsupportedGame as err:
        pytest.skip(f"{name}: our enumeration did not finish within {TIME_LIMIT} s ({err})")
    assert eqs.complete
    for e in eqs:
        assert all(r == 0 for r in e.regret(nf)), e
    found = {tuple(tuple(sympy.Rational(v) for v in s) for s in e.profile) for e in eqs}
    order = _strategy_order(tree, game)
    gambit = set()
    for eq in pygambit.nash.enummixed_solve(game, rational=True).equilibria:
        prof = []
        for p, idx in zip(game.players, order):
            vec = [sympy.Integer(0)] * len(idx)
            for s, k in zip(p.strategies, idx):
                vec[k] = _q(eq[s])
            prof.append(tuple(vec))
        assert tuple(prof) in found, prof
        gambit.add(tuple(prof))
    assert found == gambit


@pytest.mark.parametrize("name", EFG_FILES)
def test_trees_are_solved_or_refused_for_absent_mindedness(name):
    tree = _ours(CATALOG / name)
    if tree.is_absent_minded:
        with pytest.raises(UnsupportedGame, match="Piccione & Rubinstein"):
            subgame_perfect(tree)
        return
    if not tree.has_perfect_recall:
        pytest.skip(f"{name}: imperfect recall (subgame perfection is checked on perfect-recall trees)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)  # a capped enumeration on games with many ties
        spe = subgame_perfect(tree, max_equilibria=200)
    assert len(spe) >= 1  # Selten (1975): a subgame-perfect equilibrium exists under perfect recall
    for e in spe:
        verify_subgame_perfect(tree, e)  # raises unless every subgame's play is a Nash equilibrium


def test_catalog_is_complete():
    assert len(FILES) >= 38 and NFG_FILES and EFG_FILES


# --- the names Gambit gives to empty and repeated labels ------------------------------------------

def test_renamed_nfg_labels_are_gambit_s(tmp_path):
    text = ('NFG 1 R "labels" { "" "P" "P" } { { "" "" } { "x" "x" "" } { "1" "" } }\n""\n'
            + " ".join(str(k) for k in range(1, 2 * 3 * 2 * 3 + 1)))
    p = tmp_path / "labels.nfg"
    p.write_text(text)
    g = _ours(p)
    theirs = pygambit.read_nfg(str(p))
    assert g.players == tuple(x.label for x in theirs.players)
    assert g.strategies == tuple(tuple(s.label for s in x.strategies) for x in theirs.players)


@pytest.mark.parametrize("labels", [["a", "b", "a"], ["", "x", ""], ["a", "a", "a_1"], ["_2", "", ""], ["", "_1"],
                                    ["x", "", "x", ""]])
def test_renamed_efg_actions_are_gambit_s(labels, tmp_path):
    acts = " ".join(f'"{a}"' for a in labels)
    leaves = " ".join(f't "" {k + 1} "" {{ {k} }}' for k in range(len(labels)))
    p = tmp_path / "labels.efg"
    p.write_text(f'EFG 2 R "g" {{ "" }} "" c "" 1 "" {{ {" ".join(f"{a} 1/{len(labels)}" for a in acts.split())} }} 0 '
                 f'{leaves}')
    t = _ours(p)
    theirs = pygambit.read_efg(str(p))
    assert t.node(()).actions == tuple(a.label for a in theirs.root.infoset.actions)
    assert t.players == tuple(x.label for x in theirs.players)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["", "a", "a", "a_1", "a_2", "a_1_1", "_1", "_2", "_1_1", "b"]), min_size=1,
                max_size=7))
def test_renaming_matches_gambit_on_any_labels(labels):
    import tempfile

    names = " ".join(f'"{x}"' for x in labels)
    text = f'NFG 1 R "g" {{ "A" "B" }} {{ {{ {names} }} {{ {names} }} }}\n""\n' + \
        " ".join(str(k) for k in range(2 * len(labels) ** 2))
    with tempfile.TemporaryDirectory() as d:
        p = pathlib.Path(d) / "g.nfg"
        p.write_text(text)
        theirs = pygambit.read_nfg(str(p))
        ours = _ours(p)
    assert ours.strategies == tuple(tuple(s.label for s in x.strategies) for x in theirs.players)
