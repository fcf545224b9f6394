"""Where a translational model ranks the query's own entity: for each test triple's tail query (h, r, ?), the
filtered rank of the true tail, and whether the top candidate is h itself. Reads a Kiln KGE model dir
(KILNEMB1 tables, entities.tsv, relations.tsv) and the data set folder; TransE (L1 or L2) only.

    python3 benchmarks/python/kge_self_rank.py MODEL_DIR ../shared/data/kg/wn18rr [--distance l1]

Only numpy is needed. Prints the tail-prediction MRR, the share of queries whose top candidate is the head, and both
per relation.
"""
import argparse
import collections
import os

import numpy as np


def table(path):
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:8] != b'KILNEMB1':
        raise SystemExit(path + ': not a KILNEMB1 table')
    rows, dim = np.frombuffer(raw[8:16], '<i4')
    return np.frombuffer(raw[16:16 + 4 * rows * dim], '<f4').reshape(rows, dim)


def names(path):
    with open(path) as f:
        return [line.rstrip('\n').split('\t')[-1] for line in f]


def main():
    p = argparse.ArgumentParser()
    p.add_argument('model')
    p.add_argument('data')
    p.add_argument('--distance', choices=['l1', 'l2'], default='l1')
    a = p.parse_args()
    ent, rel = table(os.path.join(a.model, 'entity_embeddings.bin')), table(os.path.join(a.model, 'relation_embeddings.bin'))
    eid = {n: i for i, n in enumerate(names(os.path.join(a.model, 'entities.tsv')))}
    rnames = names(os.path.join(a.model, 'relations.tsv'))
    rid = {n: i for i, n in enumerate(rnames)}

    def triples(split):
        with open(os.path.join(a.data, split + '.txt')) as f:
            return [(eid[h], rid[r], eid[t]) for h, r, t in (line.split() for line in f if line.strip())]

    known = collections.defaultdict(set)
    for split in ('train', 'valid', 'test'):
        for h, r, t in triples(split):
            known[(h, r)].add(t)
    per_rel = collections.defaultdict(list)
    for h, r, t in triples('test'):
        diff = ent[h] + rel[r] - ent
        score = -(np.abs(diff).sum(1) if a.distance == 'l1' else np.sqrt((diff * diff).sum(1)))
        others = list(known[(h, r)] - {t})
        score[others] = -np.inf
        rank = 1 + int((score > score[t]).sum())
        per_rel[rnames[r]].append((1.0 / rank, int(np.argmax(score)) == h))
    every = np.array([x for v in per_rel.values() for x in v])
    print('tail queries %d: MRR %.4f, top candidate is the head itself in %.1f%%'
          % (len(every), every[:, 0].mean(), 100 * every[:, 1].mean()))
    for name, v in sorted(per_rel.items(), key=lambda kv: -len(kv[1])):
        v = np.array(v)
        print('  %-32s %5d  MRR %.3f  head first %5.1f%%' % (name, len(v), v[:, 0].mean(), 100 * v[:, 1].mean()))


if __name__ == '__main__':
    main()
