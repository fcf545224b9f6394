#!/usr/bin/env python3
"""Writes a small people/papers/venues graph in Neptune's Gremlin CSV form into graph/.

Planted signal: each venue belongs to a field; a person's `field` label is the field of the venue
most of their papers appear in, and people mostly co-author with people of their own field. The
node-classification target is person.field (some labels left empty, as in real exports), in
training-data-configuration.json; the link-prediction target is the person-wrote-paper edge, in
link-prediction.json (Neptune ML trains one target per data-processing job). Deterministic (seed 7)."""
import copy
import json
import os
import random

random.seed(7)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graph")
os.makedirs(out, exist_ok=True)
fields = ["databases", "graphs", "learning"]
venues = [("v%d" % i, "Venue %d" % i, fields[i % 3], 1990 + 5 * i) for i in range(6)]
people = []
for i in range(60):
    field = fields[i % 3]
    people.append(("p%d" % i, "Person %d" % i, 25 + (i * 7) % 40, field, "" if i % 10 == 9 else field))
papers, wrote, published = [], [], []
for j in range(120):
    field = fields[j % 3]
    venue = random.choice([v for v in venues if v[2] == field] if random.random() < 0.85 else venues)
    papers.append(("q%d" % j, "Paper %d" % j, 2000 + j % 20, random.randint(0, 300)))
    published.append(("pub%d" % j, "q%d" % j, venue[0]))
    authors = random.sample([p for p in people if p[3] == field], 2) + random.sample(people, 1)
    for a in {x[0] for x in authors}:
        wrote.append(("w%d" % len(wrote), a, "q%d" % j))

def write(name, header, rows):
    with open(os.path.join(out, name), "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")

write("person.csv", ["~id", "name:String", "age:Int", "~label", "field:String"],
      [(p[0], p[1], p[2], "person", p[4]) for p in people])
write("paper.csv", ["~id", "~label", "title:String", "year:Int", "citations:Int"],
      [(q[0], "paper", q[1], q[2], q[3] if q[3] % 11 else "") for q in papers])
write("venue.csv", ["~id", "~label", "name:String", "since:Int"], [(v[0], "venue", v[1], v[3]) for v in venues])
write("wrote.csv", ["~id", "~from", "~to", "~label"], [(w[0], w[1], w[2], "wrote") for w in wrote])
write("published_in.csv", ["~id", "~from", "~to", "~label"], [(p[0], p[1], p[2], "published_in") for p in published])

config = {"version": "v2.0", "query_engine": "gremlin", "graph": [{
    "nodes": [
        {"file_name": "person.csv", "separator": ",", "node": ["~id", "person"],
         "features": [{"feature": ["age", "age", "bucket_numerical"], "range": [20, 70], "bucket_cnt": 5,
                       "slide_window_size": 4, "imputer": "median"}],
         "labels": [{"label": ["field", "classification"], "split_rate": [0.7, 0.1, 0.2]}]},
        {"file_name": "paper.csv", "separator": ",", "node": ["~id", "paper"],
         "features": [{"feature": ["year", "year", "numerical"], "norm": "min-max"},
                      {"feature": ["citations", "citations", "numerical"], "norm": "standard", "imputer": "median"}]},
        {"file_name": "venue.csv", "separator": ",", "node": ["~id", "venue"],
         "features": [{"feature": ["name", "name", "category"]}, {"feature": ["since", "since", "auto"]}]}],
    "edges": [
        {"file_name": "wrote.csv", "separator": ",", "source": ["~from", "person"], "relation": ["", "wrote"],
         "dest": ["~to", "paper"]},
        {"file_name": "published_in.csv", "separator": ",", "source": ["~from", "paper"],
         "relation": ["", "published_in"], "dest": ["~to", "venue"]}]}]}
link = copy.deepcopy(config)
del link["graph"][0]["nodes"][0]["labels"]
link["graph"][0]["edges"][0]["labels"] = [{"label": ["", "link_prediction"], "split_rate": [0.8, 0.1, 0.1]}]
for name, c in (("training-data-configuration.json", config), ("link-prediction.json", link)):
    with open(os.path.join(out, name), "w") as f:
        json.dump(c, f, indent=2)
        f.write("\n")
