package dev.kiln.gnn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A knowledge graph split into train, validation and test triples with shared id maps. Entities
 * first seen in validation or test still get ids (their embeddings stay at initialisation), so
 * every split can be ranked against the full entity set.
 */
public record KgDataset(IdMap entities, IdMap relations, Triples train, Triples validation, Triples test) {

    /** Loads the splits; {@code validation} and {@code test} may be null. */
    public static KgDataset load(Path train, Path validation, Path test) throws IOException {
        IdMap e = new IdMap();
        IdMap r = new IdMap();
        Triples tr = TripleReader.read(train, e, r);
        Triples va = validation == null ? Triples.empty() : TripleReader.read(validation, e, r);
        Triples te = test == null ? Triples.empty() : TripleReader.read(test, e, r);
        if (tr.size() == 0) {
            throw new IOException("the train channel holds no triples: " + train);
        }
        return new KgDataset(e, r, tr, va, te);
    }

    /** Loads a folder with the literature's {@code train.txt}, {@code valid.txt}, {@code test.txt}. */
    public static KgDataset loadStandard(Path dir) throws IOException {
        return load(dir.resolve("train.txt"), dir.resolve("valid.txt"), dir.resolve("test.txt"));
    }

    public int numEntities() {
        return entities.size();
    }

    public int numRelations() {
        return relations.size();
    }
}
