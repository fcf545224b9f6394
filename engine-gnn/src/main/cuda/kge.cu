// Kiln's GPU kernels for knowledge-graph embedding training (dev.kiln.gnn.cuda.CudaKgeTrainer).
//
// One training batch is the same computation as the CPU's dev.kiln.gnn.train.BatchStep, split into kernels
// that each own one loop of it:
//   kge_query      the queries q = f(anchor, relation) of the batch's positives
//   kge_score      every query against its chunk's K shared negatives and its own true candidate
//   kge_loss       loss and dLoss/dScore per (positive, candidate), scaled by 1/batch (kge_loss_softmax: the
//                  softmax loss; kge_weigh then scales each positive by its subsampling factor)
//   kge_query_grad the gradient of each query, back-propagated into its anchor and relation rows, and the
//                  true candidate's gradient, with the regulariser
//   kge_neg_grad   each shared negative's gradient, summed over the positives of its chunk
//   kge_update     one Adagrad or Adam step for each row that got a gradient, which is then cleared
// and kge_rank ranks validation and test triples against every entity (CudaLinkEvaluator).
// Gradients are added with atomicAdd into dense per-table buffers (a negative can be drawn by several chunks,
// an entity can be anchor of one positive and candidate of another), and each touched row is flagged so that
// kge_update runs only where the CPU's sparse optimisers would.
//
// Layouts follow the Java side: tables are row-major floats (EmbeddingTable); RotatE rows hold dim real parts
// then dim imaginary parts and its relation rows dim phases. Scores are "higher is more plausible".
// Built into PTX by build-ptx.sh; the PTX is a resource of engine-gnn, loaded through the CUDA driver API.

#define MODEL_DISTMULT 0
#define MODEL_TRANSE_L2 1
#define MODEL_TRANSE_L1 2
#define MODEL_ROTATE 3

#define LOSS_LOGISTIC 0
#define LOSS_MARGIN 1

#define OPT_ADAGRAD 0
#define OPT_ADAM 1

// As the Java models' EPS: the distance below which a gradient's direction is taken as zero.
#define DIST_EPS 1e-9f

__device__ __forceinline__ float warp_sum(float v) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ float warp_max(float v) {
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

__device__ __forceinline__ float signum(float x) {
    return x > 0.f ? 1.f : (x < 0.f ? -1.f : 0.f);
}

// The candidate of slot j (< k: shared negative of the positive's chunk; == k: the true entity).
__device__ __forceinline__ int candidate(int p, int j, int k, int chunkSize, const int* negs, int trueEnt) {
    return j < k ? negs[(p / chunkSize) * k + j] : trueEnt;
}

// The number of coordinates a thread walks: complex coordinates for RotatE, floats otherwise.
__device__ __forceinline__ int coords(int model, int de) {
    return model == MODEL_ROTATE ? de / 2 : de;
}

// Coordinate c of the query of anchor row a and relation row r (RotatE: complex coordinate c, both parts).
__device__ __forceinline__ void build_query(int model, const float* a, const float* r, int c, int nc, int corruptTail,
                                            float* q) {
    switch (model) {
        case MODEL_DISTMULT: q[c] = a[c] * r[c]; break;
        case MODEL_TRANSE_L2:
        case MODEL_TRANSE_L1: q[c] = corruptTail ? a[c] + r[c] : a[c] - r[c]; break;
        default: {
            float sn, cs;
            sincosf(r[c], &sn, &cs);
            if (!corruptTail) sn = -sn; // conj(r) for the head direction
            float re = a[c], im = a[nc + c];
            q[c] = re * cs - im * sn;
            q[nc + c] = re * sn + im * cs;
        }
    }
}

extern "C" __global__ void kge_query(int model, const float* E, const float* R, int de, int dr, const int* heads,
                                     const int* rels, const int* tails, const int* order, int m, int corruptTail,
                                     float* Q) {
    int nc = coords(model, de);
    long total = (long) m * nc;
    for (long t = blockIdx.x * (long) blockDim.x + threadIdx.x; t < total; t += (long) gridDim.x * blockDim.x) {
        int p = (int) (t / nc), c = (int) (t % nc);
        int i = order[p];
        const float* a = E + (long) (corruptTail ? heads[i] : tails[i]) * de;
        const float* r = R + (long) rels[i] * dr;
        build_query(model, a, r, c, nc, corruptTail, Q + (long) p * de);
    }
}

// The score of query q against candidate row n, computed by one warp (lanes stride over the coordinates) and
// returned to every lane. The same warp code scores a candidate wherever it is needed, so equal inputs give
// bit-equal scores (the evaluation's tie count relies on it).
__device__ __forceinline__ float pair_score(int model, const float* q, const float* n, int de, int lane) {
    float s = 0.f;
    if (model == MODEL_DISTMULT) {
        for (int c = lane; c < de; c += 32) s += q[c] * n[c];
    } else if (model == MODEL_TRANSE_L2) {
        for (int c = lane; c < de; c += 32) { float d = q[c] - n[c]; s += d * d; }
    } else if (model == MODEL_TRANSE_L1) {
        for (int c = lane; c < de; c += 32) s += fabsf(q[c] - n[c]);
    } else {
        int nc = de / 2;
        for (int c = lane; c < nc; c += 32) {
            float dre = q[c] - n[c], dim = q[nc + c] - n[nc + c];
            s += sqrtf(dre * dre + dim * dim);
        }
    }
    s = warp_sum(s);
    return model == MODEL_DISTMULT ? s : (model == MODEL_TRANSE_L2 ? -sqrtf(s) : -s);
}

// One warp per (positive, candidate slot); S has k + 1 columns, the last the true candidate's.
extern "C" __global__ void kge_score(int model, const float* E, int de, const float* Q, const int* negs, int k,
                                     int chunkSize, const int* heads, const int* tails, const int* order, int m,
                                     int corruptTail, float* S) {
    int lane = threadIdx.x & 31;
    long warps = (long) gridDim.x * (blockDim.x >> 5);
    long pairs = (long) m * (k + 1);
    for (long w = (blockIdx.x * (long) blockDim.x + threadIdx.x) >> 5; w < pairs; w += warps) {
        int p = (int) (w / (k + 1)), j = (int) (w % (k + 1));
        int i = order[p];
        const float* q = Q + (long) p * de;
        const float* n = E + (long) candidate(p, j, k, chunkSize, negs, corruptTail ? tails[i] : heads[i]) * de;
        float s = pair_score(model, q, n, de, lane);
        if (lane == 0) S[(long) p * (k + 1) + j] = s;
    }
}

// log(1 + e^x) and the logistic function, stable for large |x|.
__device__ __forceinline__ float softplusf(float x) {
    return fmaxf(x, 0.f) + log1pf(__expf(-fabsf(x)));
}

__device__ __forceinline__ float sigmoidf(float x) {
    float e = __expf(-fabsf(x));
    return x >= 0.f ? 1.f / (1.f + e) : e / (1.f + e);
}

// One warp per positive: the loss (LossFunction's), summed into *lossSum, and G = scale * dLoss/dScore for its
// k negatives and, in column k, its true candidate.
extern "C" __global__ void kge_loss(int kind, float gamma, float offset, float advTemp, const float* S, float* G,
                                    int k, int m, float scale, double* lossSum) {
    int lane = threadIdx.x & 31;
    long warps = (long) gridDim.x * (blockDim.x >> 5);
    for (long p = (blockIdx.x * (long) blockDim.x + threadIdx.x) >> 5; p < m; p += warps) {
        const float* s = S + p * (k + 1);
        float* g = G + p * (k + 1);
        float pos = s[k];
        float loss = 0.f, gPos = 0.f;
        if (kind == LOSS_MARGIN) {
            float w = 1.f / k;
            for (int j = lane; j < k; j += 32) {
                float v = gamma - pos + s[j];
                if (v > 0.f) {
                    loss += v * w;
                    gPos -= w;
                    g[j] = w * scale;
                } else {
                    g[j] = 0.f;
                }
            }
            gPos = warp_sum(gPos);
        } else {
            float mx = 0.f, z = 1.f;
            if (advTemp > 0.f) {
                // Self-adversarial softmax weights over the negatives, held constant in the gradient.
                mx = -INFINITY;
                for (int j = lane; j < k; j += 32) mx = fmaxf(mx, advTemp * (offset + s[j]));
                mx = warp_max(mx);
                z = 0.f;
                for (int j = lane; j < k; j += 32) z += __expf(advTemp * (offset + s[j]) - mx);
                z = warp_sum(z);
            }
            for (int j = lane; j < k; j += 32) {
                float n = offset + s[j];
                float w = advTemp > 0.f ? __expf(advTemp * n - mx) / z : 1.f / k;
                loss += 0.5f * w * softplusf(n);
                g[j] = 0.5f * w * sigmoidf(n) * scale;
            }
            float pp = offset + pos;
            if (lane == 0) {
                loss += 0.5f * softplusf(-pp);
                gPos = -0.5f * sigmoidf(-pp);
            }
        }
        loss = warp_sum(loss);
        if (lane == 0) {
            g[k] = gPos * scale;
            atomicAdd(lossSum, (double) loss);
        }
    }
}

// Adds g * d(score(q, n))/dq into dq and the opposite candidate term into dn, for one coordinate c
// (one float; RotatE: the complex coordinate c and nc + c). dist is -score (TransE L2's norm).
__device__ __forceinline__ void pair_grad(int model, const float* q, const float* n, int c, int nc, float g,
                                          float dist, float& dq0, float& dq1, float& dn0, float& dn1) {
    switch (model) {
        case MODEL_DISTMULT: dq0 += g * n[c]; dn0 += g * q[c]; break;
        case MODEL_TRANSE_L2: {
            float s = (q[c] - n[c]) * (g / fmaxf(dist, DIST_EPS));
            dq0 -= s; dn0 += s; break;
        }
        case MODEL_TRANSE_L1: {
            float s = signum(q[c] - n[c]) * g;
            dq0 -= s; dn0 += s; break;
        }
        default: {
            float dre = q[c] - n[c], dim = q[nc + c] - n[nc + c];
            float kk = g / fmaxf(sqrtf(dre * dre + dim * dim), DIST_EPS);
            dq0 -= dre * kk; dq1 -= dim * kk;
            dn0 += dre * kk; dn1 += dim * kk;
        }
    }
}

__device__ __forceinline__ float reg_grad(float x, float coef, int norm) {
    return norm == 3 ? coef * 3.f * x * fabsf(x) : coef * 2.f * x;
}

// Thread per (positive p = blockIdx.x, coordinate block blockIdx.y): the query's gradient over its k + 1 candidates, the true
// candidate's own gradient, then the anchor's and relation's (BatchStep's scoreGradient, queryGradient and
// regularise), all added into the gradient buffers.
extern "C" __global__ void kge_query_grad(int model, const float* E, const float* R, int de, int dr, const float* Q,
                                          const float* S, const float* G, const int* negs, int k, int chunkSize,
                                          const int* heads, const int* rels, const int* tails, const int* order,
                                          int corruptTail, float regCoef, int regNorm, float* gE, float* gR,
                                          int* touchedE, int* touchedR) {
    int p = blockIdx.x;
    int nc = coords(model, de);
    int c = blockIdx.y * blockDim.x + threadIdx.x;
    if (c >= nc) return;
    int i = order[p];
    int anchor = corruptTail ? heads[i] : tails[i], truth = corruptTail ? tails[i] : heads[i], rel = rels[i];
    const float* q = Q + (long) p * de;
    const float* s = S + (long) p * (k + 1);
    const float* g = G + (long) p * (k + 1);
    float dq0 = 0.f, dq1 = 0.f, dt0 = 0.f, dt1 = 0.f, unused0 = 0.f, unused1 = 0.f;
    for (int j = 0; j < k; j++) {
        float gj = g[j];
        if (gj != 0.f) {
            const float* n = E + (long) negs[(p / chunkSize) * k + j] * de;
            pair_grad(model, q, n, c, nc, gj, -s[j], dq0, dq1, unused0, unused1);
        }
    }
    const float* t = E + (long) truth * de;
    pair_grad(model, q, t, c, nc, g[k], -s[k], dq0, dq1, dt0, dt1);
    const float* a = E + (long) anchor * de;
    const float* r = R + (long) rel * dr;
    float* ga = gE + (long) anchor * de;
    float* gt = gE + (long) truth * de;
    float* gr = gR + (long) rel * dr;
    float da0, da1 = 0.f, drel;
    if (model == MODEL_DISTMULT) {
        da0 = dq0 * r[c];
        drel = dq0 * a[c];
    } else if (model != MODEL_ROTATE) {
        da0 = dq0;
        drel = corruptTail ? dq0 : -dq0;
    } else {
        float sign = corruptTail ? 1.f : -1.f, sn, cs;
        sincosf(r[c], &sn, &cs);
        sn *= sign;
        // q = a * (cos + i sin): the anchor's gradient is dq rotated back; dq/dtheta = sign * (-q_im, q_re).
        da0 = dq0 * cs + dq1 * sn;
        da1 = -dq0 * sn + dq1 * cs;
        drel = sign * (-dq0 * q[nc + c] + dq1 * q[c]);
    }
    if (regCoef > 0.f) {
        da0 += reg_grad(a[c], regCoef, regNorm);
        dt0 += reg_grad(t[c], regCoef, regNorm);
        drel += reg_grad(r[c], regCoef, regNorm);
        if (model == MODEL_ROTATE) {
            da1 += reg_grad(a[nc + c], regCoef, regNorm);
            dt1 += reg_grad(t[nc + c], regCoef, regNorm);
        }
    }
    atomicAdd(ga + c, da0);
    atomicAdd(gt + c, dt0);
    atomicAdd(gr + c, drel);
    if (model == MODEL_ROTATE) {
        atomicAdd(ga + nc + c, da1);
        atomicAdd(gt + nc + c, dt1);
    }
    if (c == 0) {
        touchedE[anchor] = 1;
        touchedE[truth] = 1;
        touchedR[rel] = 1;
    }
}

// Thread per (chunk and negative slot = blockIdx.x, coordinate block blockIdx.y): the negative's gradient summed over the
// positives of its chunk, added into its row's gradient buffer.
extern "C" __global__ void kge_neg_grad(int model, const float* E, int de, const float* Q, const float* S,
                                        const float* G, const int* negs, int k, int chunkSize, int m, float* gE,
                                        int* touchedE) {
    int slot = blockIdx.x;
    int chunk = slot / k, j = slot % k;
    int nc = coords(model, de);
    int c = blockIdx.y * blockDim.x + threadIdx.x;
    if (c >= nc) return;
    int neg = negs[slot];
    const float* n = E + (long) neg * de;
    float dn0 = 0.f, dn1 = 0.f, unused0 = 0.f, unused1 = 0.f;
    int end = min(m, (chunk + 1) * chunkSize);
    for (int p = chunk * chunkSize; p < end; p++) {
        float gj = G[(long) p * (k + 1) + j];
        if (gj != 0.f) {
            pair_grad(model, Q + (long) p * de, n, c, nc, gj, -S[(long) p * (k + 1) + j], unused0, unused1, dn0, dn1);
        }
    }
    float* gn = gE + (long) neg * de;
    atomicAdd(gn + c, dn0);
    if (model == MODEL_ROTATE) atomicAdd(gn + nc + c, dn1);
    if (c == 0) touchedE[neg] = 1;
}

// Block per row: rows flagged by this batch get one optimiser step (SparseAdagrad / SparseAdam, lazy Adam with
// the row's own step count), then their gradient and flag are cleared.
extern "C" __global__ void kge_update(int opt, float* W, float* grad, int* touched, int rows, int dim, float lr,
                                      float* state0, float* state1, int* steps) {
    for (int row = blockIdx.x; row < rows; row += gridDim.x) {
        if (!touched[row]) continue; // uniform per block
        long off = (long) row * dim;
        float step = 0.f;
        if (opt == OPT_ADAM) {
            int t = steps[row] + 1;
            float c1 = 1.f - (float) pow((double) 0.9f, (double) t);
            float c2 = 1.f - (float) pow((double) 0.999f, (double) t);
            step = lr * sqrtf(c2) / c1;
        }
        __syncthreads(); // every thread has read steps[row] and touched[row]
        if (threadIdx.x == 0) {
            touched[row] = 0;
            if (opt == OPT_ADAM) steps[row] += 1;
        }
        for (int c = threadIdx.x; c < dim; c += blockDim.x) {
            float g = grad[off + c];
            grad[off + c] = 0.f;
            if (opt == OPT_ADAGRAD) {
                float a = state0[off + c] + g * g;
                state0[off + c] = a;
                W[off + c] -= lr * g / (sqrtf(a) + 1e-10f);
            } else {
                float mi = 0.9f * state0[off + c] + (1.f - 0.9f) * g;
                float vi = 0.999f * state1[off + c] + (1.f - 0.999f) * g * g;
                state0[off + c] = mi;
                state1[off + c] = vi;
                W[off + c] -= step * mi / (sqrtf(vi) + 1e-8f);
            }
        }
    }
}

// Filtered ranking (LinkEvaluator's convention), block per query: queries [0, n) predict the tail of triple q,
// queries [n, 2n) the head of triple q - n. The block builds its query in shared memory, scores the truth, then
// every entity (a warp per entity) counting those above and equal to it; the known true answers (filter CSR:
// ids[offsets[q] .. offsets[q + 1]) are scored again and taken back out. rank = 1 + better + equal / 2, the truth
// not counted as equal to itself.
extern "C" __global__ void kge_rank(int model, const float* E, const float* R, int de, int dr, const int* heads,
                                    const int* rels, const int* tails, int n, int entities, const int* offsets,
                                    const int* ids, double* ranks) {
    extern __shared__ float q[];
    __shared__ float target;
    __shared__ int better, equal;
    int query = blockIdx.x;
    int corruptTail = query < n;
    int i = corruptTail ? query : query - n;
    int truth = corruptTail ? tails[i] : heads[i];
    const float* a = E + (long) (corruptTail ? heads[i] : tails[i]) * de;
    const float* r = R + (long) rels[i] * dr;
    int nc = coords(model, de);
    for (int c = threadIdx.x; c < nc; c += blockDim.x) build_query(model, a, r, c, nc, corruptTail, q);
    if (threadIdx.x == 0) { better = 0; equal = 0; }
    __syncthreads();
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    if (warp == 0) {
        float t = pair_score(model, q, E + (long) truth * de, de, lane);
        if (lane == 0) target = t;
    }
    __syncthreads();
    float tv = target;
    int b = 0, e = 0;
    for (int cand = warp; cand < entities; cand += warps) {
        float s = pair_score(model, q, E + (long) cand * de, de, lane);
        b += s > tv;
        e += s == tv;
    }
    for (int f = offsets[query] + warp; f < offsets[query + 1]; f += warps) {
        int cand = ids[f];
        if (cand == truth) continue;
        float s = pair_score(model, q, E + (long) cand * de, de, lane);
        b -= s > tv;
        e -= s == tv;
    }
    if (lane == 0) {
        atomicAdd(&better, b);
        atomicAdd(&equal, e);
    }
    __syncthreads();
    if (threadIdx.x == 0) ranks[query] = 1.0 + better + (equal - 1) / 2.0;
}

// The softmax loss (LossFunction's): one warp per positive, the cross-entropy of its true candidate (column k)
// among itself and its k negatives, log(sum_j e^s_j) - s+, summed into *lossSum; G = scale * (softmax - one-hot).
extern "C" __global__ void kge_loss_softmax(const float* S, float* G, int k, int m, float scale, double* lossSum) {
    int lane = threadIdx.x & 31;
    long warps = (long) gridDim.x * (blockDim.x >> 5);
    for (long p = (blockIdx.x * (long) blockDim.x + threadIdx.x) >> 5; p < m; p += warps) {
        const float* s = S + p * (k + 1);
        float* g = G + p * (k + 1);
        float mx = -INFINITY;
        for (int j = lane; j <= k; j += 32) mx = fmaxf(mx, s[j]);
        mx = warp_max(mx);
        float z = 0.f;
        for (int j = lane; j <= k; j += 32) z += expf(s[j] - mx);
        z = warp_sum(z);
        for (int j = lane; j < k; j += 32) g[j] = expf(s[j] - mx) / z * scale;
        if (lane == 0) {
            float pos = s[k];
            g[k] = (expf(pos - mx) / z - 1.f) * scale;
            atomicAdd(lossSum, (double) (logf(z) + mx - pos));
        }
    }
}

// Subsampling weights (SubsamplingWeights.factors): row p of G, its negatives' and true candidate's dLoss/dScore,
// times F[p], the times positive p counts in the batch's mean. Runs after the loss, before the gradients use G.
extern "C" __global__ void kge_weigh(const float* F, float* G, int k, int m) {
    long n = (long) m * (k + 1);
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        G[i] *= F[i / (k + 1)];
    }
}
