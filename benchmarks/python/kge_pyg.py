"""PyG peer of dev.kiln.bench.gnn.KgeBenchmark: torch_geometric.nn.kge.TransE / DistMult on the same files.

Same protocol as Kiln's trainer, so throughput and MRR compare like for like:
- data: train.txt / valid.txt / test.txt of --data; ids in order of first appearance (train, valid, test).
- model: torch_geometric.nn.kge.TransE (p_norm from --distance, margin = --gamma) or DistMult, with their own
  initialisation and sparse=True embeddings; positives are scored by model(head, rel, tail).
- negatives (--negatives shared, the default, as Kiln): each batch corrupts heads or tails (a coin flip per batch);
  the batch is cut into chunks of --neg-chunk-size positives and each chunk shares --num-negs entities drawn
  uniformly (with replacement, true triples not filtered out). Negatives are scored with the model's own formula
  written batched (TransE: -||normalize(h) + r - normalize(c)||_p through torch.cdist; DistMult: (h * r) . c
  through torch.bmm), because PyG's forward() scores one candidate per positive. --negatives independent instead
  calls model(h, r, t) on num-negs own negatives per positive (B * k rows), the plain-PyG way.
- loss: --loss logistic is Kiln's (0.5 * softplus(-(offset + s+)) + 0.5 * mean_j softplus(offset + s-_j), offset =
  gamma for TransE and 0 for DistMult, optional self-adversarial weights); --loss margin is PyG's own
  margin_ranking_loss (mean over all positive-negative pairs of max(0, gamma - s+ + s-)), Kiln's margin loss too.
  No regulariser (Kiln's default regularization-coef=0).
- optimiser: torch.optim.Adagrad (sparse gradients) with --lr, eps 1e-10 (Kiln's sparse Adagrad).
- device: --device cuda runs the model, the batches and the evaluation on the GPU (the draws stay on the CPU
  generator, so the batches and negatives are those of a CPU run with the same seed).
- evaluation: filtered ranking of head and tail of every triple against all entities, known trues from
  train + valid + test removed, ties counted half (Kiln's LinkEvaluator). Validation each epoch on the first
  --validation-max-triples of valid.txt; test on all of test.txt with the best-validation parameters.

    /usr/bin/time -v /tmp/pyg/bin/python benchmarks/python/kge_pyg.py --model distmult \
        --data ../shared/data/kg/fb15k-237 --threads 2 --epochs 5
"""
import argparse
import copy
import resource
import time

import torch
import torch.nn.functional as F
from torch_geometric.nn.kge import DistMult, TransE


def load(folder):
    ent, rel, splits = {}, {}, {}
    for split in ("train", "valid", "test"):
        rows = []
        with open(f"{folder}/{split}.txt") as f:
            for line in f:
                if not line.strip():
                    continue
                h, r, t = line.rstrip("\n").split("\t")
                rows.append((ent.setdefault(h, len(ent)), rel.setdefault(r, len(rel)), ent.setdefault(t, len(ent))))
        splits[split] = torch.tensor(rows, dtype=torch.long)
    return len(ent), len(rel), splits


class Filter:
    """Known true tails of (h, r) and heads of (r, t) over all splits."""

    def __init__(self, splits):
        self.tails, self.heads = {}, {}
        for trip in splits.values():
            for h, r, t in trip.tolist():
                self.tails.setdefault((h, r), []).append(t)
                self.heads.setdefault((r, t), []).append(h)

    def mask_index(self, keys, table):
        rows, cols = [], []
        for i, k in enumerate(keys):
            c = table[k]
            rows.extend([i] * len(c))
            cols.extend(c)
        return torch.tensor(rows, dtype=torch.long), torch.tensor(cols, dtype=torch.long)


class Scorer:
    """The PyG model's score function, batched: queries against candidate sets."""

    def __init__(self, model, name):
        self.model, self.name = model, name

    def entities(self, idx=None):
        e = self.model.node_emb.weight if idx is None else self.model.node_emb(idx)
        return F.normalize(e, p=self.model.p_norm, dim=-1) if self.name == "transe" else e

    def query(self, anchor, rel, corrupt_tail):
        a, r = self.entities(anchor), self.model.rel_emb(rel)
        if self.name == "transe":
            return a + r if corrupt_tail else a - r  # -||h + r - c|| or -||c + r - t|| = -||c - (t - r)||
        return a * r

    def against(self, q, cands):
        """q (b, C, d) against cands (b, k, d) -> (b, C, k)."""
        if self.name == "transe":
            return -torch.cdist(q, cands, p=self.model.p_norm)
        return torch.bmm(q, cands.transpose(1, 2))

    def all(self, q):
        e = self.entities()
        if self.name == "transe":
            return -torch.cdist(q, e, p=self.model.p_norm)
        return q @ e.t()


def batch_loss(args, model, scorer, num_nodes, h, r, t, corrupt_tail, gen):
    b, k, c = h.numel(), args.num_negs, args.neg_chunk_size
    pos = model(h, r, t)
    if args.negatives == "independent":
        neg_idx = torch.randint(num_nodes, (b * k,), generator=gen).to(h.device)
        hh, rr, tt = h.repeat_interleave(k), r.repeat_interleave(k), t.repeat_interleave(k)
        neg = (model(hh, rr, neg_idx) if corrupt_tail else model(neg_idx, rr, tt)).view(b, k)
    else:
        chunks = (b + c - 1) // c
        neg_idx = torch.randint(num_nodes, (chunks, k), generator=gen).to(h.device)
        q = scorer.query(h if corrupt_tail else t, r, corrupt_tail)
        if chunks * c != b:
            q = torch.cat([q, q.new_zeros(chunks * c - b, q.size(1))])
        neg = scorer.against(q.view(chunks, c, -1), scorer.entities(neg_idx)).reshape(chunks * c, k)[:b]
    if args.loss == "margin":
        return F.relu(args.gamma - pos.unsqueeze(1) + neg).mean()
    off = args.gamma if args.model == "transe" else 0.0
    pos_part = F.softplus(-(off + pos))
    if args.adversarial_temperature > 0:
        w = torch.softmax(args.adversarial_temperature * (off + neg), dim=1).detach()
    else:
        w = torch.full_like(neg, 1.0 / k)
    neg_part = (w * F.softplus(off + neg)).sum(1)
    return (0.5 * pos_part + 0.5 * neg_part).mean()


@torch.no_grad()
def evaluate(scorer, triples, filt, device, batch=256):
    rr = h1 = h3 = h10 = n = 0.0
    for s in range(0, triples.size(0), batch):
        tr = triples[s:s + batch].to(device)
        h, r, t = tr[:, 0], tr[:, 1], tr[:, 2]
        for corrupt_tail in (True, False):
            q = scorer.query(h if corrupt_tail else t, r, corrupt_tail)
            scores = scorer.all(q)
            truth = t if corrupt_tail else h
            keys = list(zip(h.tolist(), r.tolist())) if corrupt_tail else list(zip(r.tolist(), t.tolist()))
            rows, cols = filt.mask_index(keys, filt.tails if corrupt_tail else filt.heads)
            rows, cols = rows.to(device), cols.to(device)
            target = scores.gather(1, truth.view(-1, 1))
            scores[rows, cols] = float("-inf")
            better = (scores > target).sum(1).double()
            equal = (scores == target).sum(1).double()  # the truth was masked: equal excludes it
            rank = 1.0 + better + equal / 2.0
            rr += (1.0 / rank).sum().item()
            h1 += (rank <= 1).sum().item()
            h3 += (rank <= 3).sum().item()
            h10 += (rank <= 10).sum().item()
            n += rank.numel()
    return {"mrr": rr / n, "hits@1": h1 / n, "hits@3": h3 / n, "hits@10": h10 / n}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["transe", "distmult"], default="distmult")
    p.add_argument("--data", default="../shared/data/kg/fb15k-237")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--dim", type=int, default=200)
    p.add_argument("--batch-size", type=int, default=1000)
    p.add_argument("--num-negs", type=int, default=128)
    p.add_argument("--neg-chunk-size", type=int, default=None, help="default: num-negs, as Kiln")
    p.add_argument("--negatives", choices=["shared", "independent"], default="shared")
    p.add_argument("--loss", choices=["logistic", "margin"], default="logistic")
    p.add_argument("--gamma", type=float, default=12.0)
    p.add_argument("--adversarial-temperature", type=float, default=0.0)
    p.add_argument("--distance", choices=["l1", "l2"], default="l2")
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--validation-max-triples", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    args = p.parse_args()
    dev = torch.device(args.device)
    args.neg_chunk_size = args.neg_chunk_size or args.num_negs
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)

    num_nodes, num_rels, splits = load(args.data)
    filt = Filter(splits)
    if args.model == "transe":
        model = TransE(num_nodes, num_rels, args.dim, margin=args.gamma, p_norm=1.0 if args.distance == "l1" else 2.0,
                       sparse=True)
    else:
        model = DistMult(num_nodes, num_rels, args.dim, margin=args.gamma, sparse=True)
    model.p_norm = getattr(model, "p_norm", 2.0)
    model.to(dev)
    scorer = Scorer(model, args.model)
    opt = torch.optim.Adagrad(model.parameters(), lr=args.lr, eps=1e-10)
    train = splits["train"]
    valid = splits["valid"][:args.validation_max_triples] if args.validation_max_triples > 0 else splits["valid"]
    print(f"pyg {args.model}: {num_nodes} entities, {num_rels} relations, {train.size(0)} train triples, "
          f"threads={torch.get_num_threads()} device={dev} negatives={args.negatives} loss={args.loss}", flush=True)

    start = time.perf_counter()
    best, best_mrr, best_epoch, train_seconds, train_cpu = None, -1.0, 0, 0.0, 0.0
    for epoch in range(1, args.epochs + 1):
        model.train()
        perm = torch.randperm(train.size(0), generator=gen)
        t0, c0 = time.perf_counter(), time.process_time()
        loss_sum = 0.0
        for s in range(0, train.size(0), args.batch_size):
            tr = train[perm[s:s + args.batch_size]].to(dev)
            corrupt_tail = bool(torch.randint(2, (1,), generator=gen).item())
            opt.zero_grad()
            loss = batch_loss(args, model, scorer, num_nodes, tr[:, 0], tr[:, 1], tr[:, 2], corrupt_tail, gen)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * tr.size(0)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        train_seconds += seconds
        train_cpu += cpu
        model.eval()
        m = evaluate(scorer, valid, filt, dev)
        if m["mrr"] > best_mrr:
            best_mrr, best_epoch, best = m["mrr"], epoch, copy.deepcopy(model.state_dict())
        print(f"EPOCH {epoch} triples_per_s={train.size(0) / seconds:.0f} "
              f"triples_per_cpu_s={train.size(0) / cpu:.0f} loss={loss_sum / train.size(0):.4f} "
              f"valid_mrr={m['mrr']:.4f} valid_hits@1={m['hits@1']:.4f} valid_hits@10={m['hits@10']:.4f} "
              f"elapsed_s={time.perf_counter() - start:.1f}", flush=True)
    model.load_state_dict(best)
    test = evaluate(scorer, splits["test"], filt, dev)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
    print(f"RESULT pyg model={args.model} threads={args.threads} device={dev} epochs={args.epochs} dim={args.dim} "
          f"batch={args.batch_size} negs={args.num_negs} chunk={args.neg_chunk_size} negatives={args.negatives} "
          f"loss={args.loss} gamma={args.gamma} lr={args.lr} test_mrr={test['mrr']:.4f} "
          f"test_hits@1={test['hits@1']:.4f} test_hits@3={test['hits@3']:.4f} test_hits@10={test['hits@10']:.4f} "
          f"best_valid_mrr={best_mrr:.4f} best_epoch={best_epoch} "
          f"mean_triples_per_s={args.epochs * train.size(0) / train_seconds:.0f} train_seconds={train_seconds:.1f} "
          f"train_cpu_seconds={train_cpu:.1f} "
          f"seconds={time.perf_counter() - start:.1f} peak_rss_mb={peak_mb}", flush=True)


if __name__ == "__main__":
    main()
