"""PyG peer of dev.kiln.bench.gnn.RgcnGenderBenchmark: RGCNConv node classification on the same files.

Reads graph.tsv (head, relation, tail) and labels.tsv (entity, label, split) written by the Java harness
under --task (default /tmp/rgcn-gender/task), builds the same graph (inverse relations added, mean
aggregation per relation, self-loop, learned input embedding), trains full-graph with Adam and the same
early stopping on validation accuracy, and prints one RESULT line.

    /tmp/pyg/bin/python benchmarks/python/rgcn_gender_pyg.py --task /tmp/rgcn-gender/task --threads 2
"""
import argparse
import time

import torch
import torch.nn.functional as F
from torch_geometric.nn import RGCNConv


def load(task):
    ent, rel = {}, {}
    src, dst, typ = [], [], []
    with open(f"{task}/graph.tsv") as f:
        for line in f:
            h, r, t = line.rstrip("\n").split("\t")
            src.append(ent.setdefault(h, len(ent)))
            typ.append(rel.setdefault(r, len(rel)))
            dst.append(ent.setdefault(t, len(ent)))
    classes, splits = {}, {"train": ([], []), "validation": ([], []), "test": ([], [])}
    with open(f"{task}/labels.tsv") as f:
        for line in f:
            e, y, s = line.rstrip("\n").split("\t")
            splits[s][0].append(ent.setdefault(e, len(ent)))
            splits[s][1].append(classes.setdefault(y, len(classes)))
    n, nr = len(ent), len(rel)
    s, d, r = torch.tensor(src), torch.tensor(dst), torch.tensor(typ)
    edge_index = torch.stack([torch.cat([s, d]), torch.cat([d, s])])
    edge_type = torch.cat([r, r + nr])
    split = {k: (torch.tensor(v[0]), torch.tensor(v[1])) for k, v in splits.items()}
    return n, 2 * nr, len(classes), edge_index, edge_type, split


class Net(torch.nn.Module):
    def __init__(self, n, nr, hidden, classes, bases, dropout):
        super().__init__()
        self.emb = torch.nn.Parameter(torch.empty(n, hidden).uniform_(-(6 / (1 + hidden)) ** 0.5, (6 / (1 + hidden)) ** 0.5))
        self.conv1 = RGCNConv(hidden, hidden, nr, num_bases=bases, aggr="mean")
        self.conv2 = RGCNConv(hidden, classes, nr, num_bases=bases, aggr="mean")
        self.dropout = dropout

    def forward(self, edge_index, edge_type):
        x = F.dropout(self.emb, self.dropout, self.training)
        x = F.relu(self.conv1(x, edge_index, edge_type))
        x = F.dropout(x, self.dropout, self.training)
        return self.conv2(x, edge_index, edge_type)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--task", default="/tmp/rgcn-gender/task")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--hidden", type=int, default=16)
    ap.add_argument("--bases", type=int, default=10)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--weight-decay", type=float, default=5e-4)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--window", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    n, nr, c, edge_index, edge_type, split = load(a.task)
    model = Net(n, nr, a.hidden, c, a.bases, a.dropout)
    # L2 on every parameter through Adam's gradient, as the Java trainer applies it to weights and embeddings
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, weight_decay=a.weight_decay)
    tr_x, tr_y = split["train"]
    va_x, va_y = split["validation"]
    te_x, te_y = split["test"]
    best, best_loss, best_state, without, epochs = -1.0, float("inf"), None, 0, 0
    t0 = time.time()
    for epoch in range(1, a.epochs + 1):
        model.train()
        opt.zero_grad()
        out = model(edge_index, edge_type)
        loss = F.cross_entropy(out[tr_x], tr_y)
        loss.backward()
        opt.step()
        model.eval()
        with torch.no_grad():
            out = model(edge_index, edge_type)
            va_loss = F.cross_entropy(out[va_x], va_y).item()
            acc = (out[va_x].argmax(1) == va_y).float().mean().item()
        epochs = epoch
        print(f"epoch {epoch} train_loss {loss.item():.4f} validation_accuracy {acc:.4f}", flush=True)
        if acc > best or (acc == best and va_loss < best_loss):
            best, best_loss, without = acc, va_loss, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            without += 1
            if a.window and without >= a.window:
                break
    seconds = time.time() - t0
    model.load_state_dict(best_state)
    model.eval()
    with torch.no_grad():
        pred = model(edge_index, edge_type)[te_x].argmax(1)
    acc = (pred == te_y).float().mean().item()
    f1s = []
    for k in range(c):
        tp = ((pred == k) & (te_y == k)).sum().item()
        fp = ((pred == k) & (te_y != k)).sum().item()
        fn = ((pred != k) & (te_y == k)).sum().item()
        if tp + fp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    majority = torch.bincount(tr_y).argmax()
    baseline = (te_y == majority).float().mean().item()
    print(f"RESULT pyg_rgcnconv epochs={epochs} threads={a.threads} test_accuracy={acc:.4f} "
          f"test_f1={sum(f1s) / len(f1s):.4f} majority_baseline={baseline:.4f} seconds={seconds:.1f} "
          f"seconds_per_epoch={seconds / epochs:.3f}")


if __name__ == "__main__":
    main()
