// datasets.cpp: see datasets.hpp.
#include "datasets.hpp"

#include <cmath>
#include <cstdio>

#include "../random.hpp"
#include "own_data.hpp"

namespace downhill {

namespace {

constexpr double kRadius = 5.0;  // data radius R of the 2-D sets
constexpr double kTwoPi = 6.283185307179586;
constexpr uint64_t kPointStream = 1;
constexpr uint64_t kSplitStream = 2;

// Class of point i when n points are dealt round-robin over k classes; and its rank
// within that class (0..count-1) and the class size.
struct Deal {
    int cls, rank, count;
};
Deal DealPoint(int i, int n, int k) {
    const int cls = i % k;
    const int count = n / k + (cls < n % k ? 1 : 0);
    return {cls, i / k, count};
}

void MakeLine(const DatasetSettings& s, Rng& rng, Dataset* d) {
    int top = -1;
    for (int i = 0; i < s.points; ++i) {
        const double x = rng.Uniform(-2.0, 2.0);
        d->x[i] = x;
        d->y[i] = s.slope * x + s.intercept + s.noise * rng.Gaussian();
        if (top < 0 || x > d->x[top]) top = i;
    }
    if (s.outlier != 0.0) {
        d->y[top] += s.outlier;
        d->outlier = top;
    }
}

void MakeBlobs(const DatasetSettings& s, Rng& rng, Dataset* d, const double* centres, int k) {
    const double sd = 0.6 + 2.0 * s.noise;
    for (int i = 0; i < s.points; ++i) {
        const int c = i % k;
        d->x[2 * i] = rng.Gaussian(centres[2 * c], sd);
        d->x[2 * i + 1] = rng.Gaussian(centres[2 * c + 1], sd);
        d->y[i] = c;
    }
}

void MakeCircle(const DatasetSettings& s, Rng& rng, Dataset* d) {
    for (int i = 0; i < s.points; ++i) {
        const int c = i % 2;
        const double r = c == 0 ? rng.Uniform(0.0, 0.5 * kRadius) : rng.Uniform(0.7 * kRadius, kRadius);
        const double angle = rng.Uniform(0.0, kTwoPi);
        const double jx = s.noise * kRadius * rng.Uniform(-1.0, 1.0);
        const double jy = s.noise * kRadius * rng.Uniform(-1.0, 1.0);
        d->x[2 * i] = r * std::cos(angle) + jx;
        d->x[2 * i + 1] = r * std::sin(angle) + jy;
        d->y[i] = c;
    }
}

void MakeXor(const DatasetSettings& s, Rng& rng, Dataset* d) {
    const double margin = 0.3;
    for (int i = 0; i < s.points; ++i) {
        double a = rng.Uniform(-kRadius, kRadius);
        double b = rng.Uniform(-kRadius, kRadius);
        a += a >= 0 ? margin : -margin;
        b += b >= 0 ? margin : -margin;
        const double jx = s.noise * kRadius * rng.Uniform(-1.0, 1.0);
        const double jy = s.noise * kRadius * rng.Uniform(-1.0, 1.0);
        d->x[2 * i] = a + jx;
        d->x[2 * i + 1] = b + jy;
        d->y[i] = a * b > 0 ? 1 : 0;
    }
}

void MakeSpiral(const DatasetSettings& s, Rng& rng, Dataset* d, int arms, double turns) {
    for (int i = 0; i < s.points; ++i) {
        const Deal p = DealPoint(i, s.points, arms);
        const double t = p.count > 1 ? static_cast<double>(p.rank) / p.count : 0.0;
        const double r = kRadius * t;
        const double angle = kTwoPi * (turns * t + static_cast<double>(p.cls) / arms);
        const double jx = s.noise * rng.Uniform(-1.0, 1.0);
        const double jy = s.noise * rng.Uniform(-1.0, 1.0);
        d->x[2 * i] = r * std::sin(angle) + jx;
        d->x[2 * i + 1] = r * std::cos(angle) + jy;
        d->y[i] = p.cls;
    }
}

} // namespace

const char* DatasetKindName(DatasetKind k) {
    switch (k) {
    case DatasetKind::Line: return "line";
    case DatasetKind::Blobs: return "blobs";
    case DatasetKind::Circle: return "circle";
    case DatasetKind::Xor: return "xor";
    case DatasetKind::Spiral: return "spiral";
    case DatasetKind::Blobs3: return "blobs3";
    case DatasetKind::Spiral3: return "spiral3";
    case DatasetKind::Own: return "own";
    }
    return "circle";
}

bool ParseDatasetKind(const std::string& name, DatasetKind* out) {
    static const DatasetKind all[] = {DatasetKind::Line,   DatasetKind::Blobs,  DatasetKind::Circle, DatasetKind::Xor,
                                      DatasetKind::Spiral, DatasetKind::Blobs3, DatasetKind::Spiral3, DatasetKind::Own};
    for (DatasetKind k : all)
        if (name == DatasetKindName(k)) {
            if (out) *out = k;
            return true;
        }
    return false;
}

int DatasetInputs(DatasetKind k) { return k == DatasetKind::Line ? 1 : 2; }

int DatasetClasses(DatasetKind k) {
    switch (k) {
    case DatasetKind::Line: return 0;
    case DatasetKind::Blobs3:
    case DatasetKind::Spiral3: return 3;
    default: return 2;
    }
}

int DatasetInputs(const DatasetSettings& s) { return s.kind == DatasetKind::Own ? 2 : DatasetInputs(s.kind); }

int DatasetClasses(const DatasetSettings& s) { return s.kind == DatasetKind::Own ? s.own.classes : DatasetClasses(s.kind); }

std::string ValidateDatasetSettings(const DatasetSettings& s) {
    if (static_cast<int>(s.kind) < 0 || static_cast<int>(s.kind) > static_cast<int>(DatasetKind::Own))
        return "Unknown dataset.";
    if (s.kind == DatasetKind::Own) {
        if (std::string err = CheckOwnData(s.own); !err.empty()) return err;
    } else if (s.points < 2 || s.points > DatasetSettings::kMaxPoints) {
        char msg[96];
        std::snprintf(msg, sizeof msg, "The number of points must lie between 2 and %d.", DatasetSettings::kMaxPoints);
        return msg;
    }
    if (!std::isfinite(s.noise) || s.noise < 0 || s.noise > DatasetSettings::kMaxNoise)
        return "The noise must be a number between 0 and 10.";
    if (!std::isfinite(s.train_fraction) || s.train_fraction <= 0 || s.train_fraction > 1)
        return "The training fraction must be a number above 0 and at most 1.";
    if (!(s.test_fraction >= 0 && s.test_fraction <= DatasetSettings::kMaxTestFraction))
        return "The test share must be a number from 0 to 0.5.";
    const double c = DatasetSettings::kMaxCoefficient;
    if (!std::isfinite(s.slope) || std::fabs(s.slope) > c) return "The slope must be a number between -1000 and 1000.";
    if (!std::isfinite(s.intercept) || std::fabs(s.intercept) > c)
        return "The intercept must be a number between -1000 and 1000.";
    if (!std::isfinite(s.outlier) || std::fabs(s.outlier) > c)
        return "The outlier shift must be a number between -1000 and 1000.";
    return "";
}

std::string MakeDataset(const DatasetSettings& s, Dataset* out) {
    if (!out) return "No dataset to fill.";
    std::string err = ValidateDatasetSettings(s);
    if (!err.empty()) return err;
    if (s.kind == DatasetKind::Own) {
        *out = s.own;
        return "";
    }
    Dataset d;
    d.inputs = DatasetInputs(s.kind);
    d.classes = DatasetClasses(s.kind);
    d.x.assign(static_cast<size_t>(s.points) * d.inputs, 0.0);
    d.y.assign(static_cast<size_t>(s.points), 0.0);
    Rng rng(s.seed, kPointStream);
    static const double two[] = {2.0, 2.0, -2.0, -2.0};
    static const double three[] = {0.0, 3.0, -2.598076211353316, -1.5, 2.598076211353316, -1.5};
    switch (s.kind) {
    case DatasetKind::Line: MakeLine(s, rng, &d); break;
    case DatasetKind::Blobs: MakeBlobs(s, rng, &d, two, 2); break;
    case DatasetKind::Circle: MakeCircle(s, rng, &d); break;
    case DatasetKind::Xor: MakeXor(s, rng, &d); break;
    case DatasetKind::Spiral: MakeSpiral(s, rng, &d, 2, 1.75); break;
    case DatasetKind::Blobs3: MakeBlobs(s, rng, &d, three, 3); break;
    case DatasetKind::Spiral3: MakeSpiral(s, rng, &d, 3, 0.75); break;
    case DatasetKind::Own: break;
    }
    *out = std::move(d);
    return "";
}

std::string ValidateDataset(const Dataset& d) {
    if (d.inputs < 1 || d.inputs > 64) return "A dataset needs between 1 and 64 features per point.";
    if (d.classes < 0 || d.classes == 1 || d.classes > 16)
        return "A dataset is either regression (0 classes) or has 2 to 16 classes.";
    if (d.x.size() != d.y.size() * static_cast<size_t>(d.inputs))
        return "The features and targets of the dataset do not match in size.";
    if (d.y.size() > static_cast<size_t>(DatasetSettings::kMaxPoints)) return "The dataset has too many points.";
    for (double v : d.x)
        if (!std::isfinite(v)) return "The dataset has a feature that is not a number.";
    for (double v : d.y) {
        if (!std::isfinite(v)) return "The dataset has a target that is not a number.";
        if (d.classes > 0 && (v < 0 || v >= d.classes || v != std::floor(v)))
            return "The dataset has a class label outside 0..classes-1.";
    }
    if (d.outlier < -1 || d.outlier >= d.size()) return "The dataset's outlier index is out of range.";
    return "";
}

std::string SplitDataset(const Dataset& all, double train_fraction, uint32_t seed, Dataset* train,
                         Dataset* validation) {
    if (!train || !validation) return "No datasets to fill.";
    std::string err = ValidateDataset(all);
    if (!err.empty()) return err;
    const int n = all.size();
    if (n < 1) return "The dataset is empty.";
    if (!std::isfinite(train_fraction) || train_fraction <= 0 || train_fraction > 1)
        return "The training fraction must be a number above 0 and at most 1.";
    int n_train = static_cast<int>(std::lround(train_fraction * n));
    if (n_train < 1) n_train = 1;
    if (n_train > n) n_train = n;

    std::vector<int> order(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) order[i] = i;
    Rng rng(seed, kSplitStream);
    Shuffle(order.data(), n, rng);
    if (all.outlier >= 0) {
        for (int i = n_train; i < n; ++i)
            if (order[i] == all.outlier) {
                order[i] = order[n_train - 1];
                order[n_train - 1] = all.outlier;
                break;
            }
    }

    Dataset parts[2];
    const int first[2] = {0, n_train}, count[2] = {n_train, n - n_train};
    const size_t k = static_cast<size_t>(all.inputs);
    for (int p = 0; p < 2; ++p) {
        Dataset& d = parts[p];
        d.inputs = all.inputs;
        d.classes = all.classes;
        d.x.resize(static_cast<size_t>(count[p]) * k);
        d.y.resize(static_cast<size_t>(count[p]));
        for (int i = 0; i < count[p]; ++i) {
            const int src = order[first[p] + i];
            for (size_t f = 0; f < k; ++f) d.x[i * k + f] = all.x[src * k + f];
            d.y[i] = all.y[src];
            if (src == all.outlier) d.outlier = i;
        }
    }
    *train = std::move(parts[0]);
    *validation = std::move(parts[1]);
    return "";
}

std::string MakeSplit(const DatasetSettings& s, Dataset* train, Dataset* validation, Dataset* test) {
    if (!train || !validation) return "No datasets to fill.";
    Dataset all, held;
    std::string err = MakeDataset(s, &all);
    if (err.empty() && s.test_fraction > 0) {
        Dataset rest;
        err = SplitDataset(all, 1.0 - s.test_fraction, s.seed ^ 0x7e57u, &rest, &held);
        all = std::move(rest);
    }
    if (err.empty()) err = SplitDataset(all, s.train_fraction, s.seed, train, validation);
    if (err.empty() && test) *test = std::move(held);
    return err;
}

} // namespace downhill
