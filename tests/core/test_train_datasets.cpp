// test_train_datasets.cpp: every generated set has the shape, labels and geometry its
// comment promises, is reproducible from its seed, and splits as asked.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/train/datasets.hpp"

using namespace downhill;

static const DatasetKind kAllKinds[] = {DatasetKind::Line,   DatasetKind::Blobs,  DatasetKind::Circle, DatasetKind::Xor,
                                        DatasetKind::Spiral, DatasetKind::Blobs3, DatasetKind::Spiral3};

static Dataset Make(DatasetKind kind, int points, double noise, uint32_t seed) {
    DatasetSettings s;
    s.kind = kind;
    s.points = points;
    s.noise = noise;
    s.seed = seed;
    Dataset d;
    EXPECT_EQ(MakeDataset(s, &d), "");
    return d;
}

TEST(DatasetKind, NamesRoundTrip) {
    for (DatasetKind k : kAllKinds) {
        DatasetKind back = DatasetKind::Line;
        EXPECT_TRUE(ParseDatasetKind(DatasetKindName(k), &back));
        EXPECT_EQ(back, k);
    }
    EXPECT_STREQ(DatasetKindName(DatasetKind::Spiral3), "spiral3");
    EXPECT_FALSE(ParseDatasetKind("moons", nullptr));
    EXPECT_EQ(DatasetInputs(DatasetKind::Line), 1);
    EXPECT_EQ(DatasetInputs(DatasetKind::Xor), 2);
    EXPECT_EQ(DatasetClasses(DatasetKind::Line), 0);
    EXPECT_EQ(DatasetClasses(DatasetKind::Circle), 2);
    EXPECT_EQ(DatasetClasses(DatasetKind::Blobs3), 3);
}

TEST(MakeDataset, EveryKindHasTheRightShapeAndBalancedLabels) {
    for (DatasetKind k : kAllKinds) {
        const Dataset d = Make(k, 301, 0.2, 9);
        SCOPED_TRACE(DatasetKindName(k));
        EXPECT_EQ(d.size(), 301);
        EXPECT_EQ(d.inputs, DatasetInputs(k));
        EXPECT_EQ(d.classes, DatasetClasses(k));
        EXPECT_EQ(d.x.size(), static_cast<size_t>(301 * d.inputs));
        EXPECT_EQ(ValidateDataset(d), "");
        if (d.classes == 0 || k == DatasetKind::Xor) continue; // Xor labels follow the quadrant
        std::vector<int> count(d.classes, 0);
        for (double y : d.y) ++count[static_cast<int>(y)];
        for (int c : count) EXPECT_LE(std::abs(c - 301 / d.classes), 1);
    }
}

TEST(MakeDataset, SameSeedSamePointsOtherSeedOtherPoints) {
    for (DatasetKind k : kAllKinds) {
        SCOPED_TRACE(DatasetKindName(k));
        const Dataset a = Make(k, 100, 0.1, 4), b = Make(k, 100, 0.1, 4), c = Make(k, 100, 0.1, 5);
        EXPECT_EQ(a.x, b.x);
        EXPECT_EQ(a.y, b.y);
        EXPECT_NE(a.x, c.x);
    }
}

TEST(MakeDataset, LineWithoutNoiseLiesOnTheLine) {
    DatasetSettings s;
    s.kind = DatasetKind::Line;
    s.points = 50;
    s.slope = -3.0;
    s.intercept = 0.5;
    Dataset d;
    ASSERT_EQ(MakeDataset(s, &d), "");
    for (int i = 0; i < d.size(); ++i) {
        EXPECT_GE(d.x[i], -2.0);
        EXPECT_LT(d.x[i], 2.0);
        EXPECT_DOUBLE_EQ(d.y[i], -3.0 * d.x[i] + 0.5);
    }
    EXPECT_EQ(d.outlier, -1);
}

TEST(MakeDataset, LineNoiseHasTheAskedSpread) {
    DatasetSettings s;
    s.kind = DatasetKind::Line;
    s.points = 20000;
    s.noise = 0.5;
    Dataset d;
    ASSERT_EQ(MakeDataset(s, &d), "");
    double sum = 0, sq = 0;
    for (int i = 0; i < d.size(); ++i) {
        const double r = d.y[i] - (2.0 * d.x[i] - 1.0);
        sum += r;
        sq += r * r;
    }
    EXPECT_NEAR(sum / d.size(), 0.0, 0.02);
    EXPECT_NEAR(std::sqrt(sq / d.size()), 0.5, 0.01);
}

TEST(MakeDataset, OutlierIsTheRightmostPointLifted) {
    DatasetSettings s;
    s.kind = DatasetKind::Line;
    s.points = 40;
    s.outlier = 12.0;
    Dataset d;
    ASSERT_EQ(MakeDataset(s, &d), "");
    ASSERT_GE(d.outlier, 0);
    for (int i = 0; i < d.size(); ++i) EXPECT_LE(d.x[i], d.x[d.outlier]);
    EXPECT_DOUBLE_EQ(d.y[d.outlier], 2.0 * d.x[d.outlier] - 1.0 + 12.0);
    // In every split the outlier trains, even with few training points.
    for (uint32_t seed = 1; seed <= 20; ++seed) {
        Dataset t, v;
        ASSERT_EQ(SplitDataset(d, 0.1, seed, &t, &v), "");
        ASSERT_GE(t.outlier, 0);
        EXPECT_DOUBLE_EQ(t.y[t.outlier], d.y[d.outlier]);
        EXPECT_EQ(v.outlier, -1);
    }
}

TEST(MakeDataset, CircleWithoutNoiseKeepsDiscAndRingApart) {
    const Dataset d = Make(DatasetKind::Circle, 400, 0.0, 2);
    for (int i = 0; i < d.size(); ++i) {
        const double r = std::hypot(d.x[2 * i], d.x[2 * i + 1]);
        if (d.y[i] == 0) {
            EXPECT_LE(r, 2.5 + 1e-12);
        } else {
            EXPECT_GE(r, 3.5 - 1e-12);
            EXPECT_LE(r, 5.0 + 1e-12);
        }
    }
}

TEST(MakeDataset, XorLabelsFollowTheQuadrant) {
    const Dataset d = Make(DatasetKind::Xor, 400, 0.0, 3);
    int ones = 0;
    for (int i = 0; i < d.size(); ++i) {
        const double a = d.x[2 * i], b = d.x[2 * i + 1];
        EXPECT_GE(std::fabs(a), 0.3);
        EXPECT_GE(std::fabs(b), 0.3);
        EXPECT_LE(std::fabs(a), 5.3);
        EXPECT_EQ(d.y[i], a * b > 0 ? 1.0 : 0.0);
        ones += d.y[i] == 1.0;
    }
    EXPECT_GT(ones, 150);
    EXPECT_LT(ones, 250);
}

TEST(MakeDataset, SpiralsStayWithinTheRadiusAndInterleave) {
    const Dataset d = Make(DatasetKind::Spiral, 200, 0.0, 1);
    for (int i = 0; i < d.size(); ++i) EXPECT_LE(std::hypot(d.x[2 * i], d.x[2 * i + 1]), 5.0);
    // Points 0 and 1 start both arms at the centre; point 2k and 2k+1 sit opposite.
    EXPECT_EQ(d.y[0], 0.0);
    EXPECT_EQ(d.y[1], 1.0);
    EXPECT_NEAR(d.x[2 * 20] + d.x[2 * 21], 0.0, 1e-12);
    EXPECT_NEAR(d.x[2 * 20 + 1] + d.x[2 * 21 + 1], 0.0, 1e-12);
    const Dataset t = Make(DatasetKind::Spiral3, 300, 0.0, 1);
    for (int i = 0; i < t.size(); ++i) EXPECT_LE(std::hypot(t.x[2 * i], t.x[2 * i + 1]), 5.0);
}

TEST(MakeDataset, BlobsCentreWhereDocumented) {
    const Dataset d = Make(DatasetKind::Blobs3, 3000, 0.0, 6);
    const double cx[3] = {0.0, -2.598076211353316, 2.598076211353316}, cy[3] = {3.0, -1.5, -1.5};
    double sx[3] = {0, 0, 0}, sy[3] = {0, 0, 0}, ss[3] = {0, 0, 0};
    for (int i = 0; i < d.size(); ++i) {
        const int c = static_cast<int>(d.y[i]);
        sx[c] += d.x[2 * i];
        sy[c] += d.x[2 * i + 1];
        ss[c] += (d.x[2 * i] - cx[c]) * (d.x[2 * i] - cx[c]);
    }
    for (int c = 0; c < 3; ++c) {
        EXPECT_NEAR(sx[c] / 1000, cx[c], 0.07); // sd of the mean 0.6 / sqrt(1000) ~ 0.019
        EXPECT_NEAR(sy[c] / 1000, cy[c], 0.07);
        EXPECT_NEAR(std::sqrt(ss[c] / 1000), 0.6, 0.04);
    }
}

TEST(SplitDataset, SplitsByTheFractionAndKeepsEveryPoint) {
    const Dataset d = Make(DatasetKind::Circle, 101, 0.1, 8);
    Dataset t, v;
    ASSERT_EQ(SplitDataset(d, 0.3, 5, &t, &v), "");
    EXPECT_EQ(t.size(), 30); // round(30.3)
    EXPECT_EQ(v.size(), 71);
    EXPECT_EQ(t.inputs, 2);
    EXPECT_EQ(v.classes, 2);
    // Together they hold exactly the original points.
    std::vector<std::array<double, 3>> a, b;
    for (int i = 0; i < d.size(); ++i) a.push_back({d.x[2 * i], d.x[2 * i + 1], d.y[i]});
    for (const Dataset* p : {&t, &v})
        for (int i = 0; i < p->size(); ++i) b.push_back({p->x[2 * i], p->x[2 * i + 1], p->y[i]});
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b);
    // Reproducible, and another seed picks other points.
    Dataset t2, v2, t3, v3;
    SplitDataset(d, 0.3, 5, &t2, &v2);
    SplitDataset(d, 0.3, 6, &t3, &v3);
    EXPECT_EQ(t.x, t2.x);
    EXPECT_NE(t.x, t3.x);
}

TEST(SplitDataset, EdgeFractions) {
    const Dataset d = Make(DatasetKind::Blobs, 10, 0.0, 1);
    Dataset t, v;
    ASSERT_EQ(SplitDataset(d, 1.0, 1, &t, &v), "");
    EXPECT_EQ(t.size(), 10);
    EXPECT_EQ(v.size(), 0);
    ASSERT_EQ(SplitDataset(d, 0.01, 1, &t, &v), "");
    EXPECT_EQ(t.size(), 1); // at least one point trains
    EXPECT_EQ(v.size(), 9);
    EXPECT_NE(SplitDataset(d, 0.0, 1, &t, &v), "");
    EXPECT_NE(SplitDataset(d, std::nan(""), 1, &t, &v), "");
    EXPECT_NE(SplitDataset(d, 1.5, 1, &t, &v), "");
    EXPECT_NE(SplitDataset(d, 0.5, 1, nullptr, &v), "");
}

TEST(MakeSplit, UsesTheSettingsFraction) {
    DatasetSettings s; // the Playground's: circle, 500 points, half for training
    Dataset t, v;
    ASSERT_EQ(MakeSplit(s, &t, &v), "");
    EXPECT_EQ(t.size(), 250);
    EXPECT_EQ(v.size(), 250);
}

TEST(MakeDataset, RejectsAbsurdSettingsAndLeavesTheOutputAlone) {
    Dataset d = Make(DatasetKind::Blobs, 10, 0.0, 1);
    const std::vector<double> before = d.x;
    auto rejects = [&](DatasetSettings s) {
        const std::string err = MakeDataset(s, &d);
        EXPECT_NE(err, "");
        EXPECT_EQ(d.x, before);
        return err;
    };
    DatasetSettings s;
    s.points = 1;
    EXPECT_EQ(rejects(s), "The number of points must lie between 2 and 100000.");
    s.points = 100001;
    rejects(s);
    s = {};
    s.noise = std::nan("");
    EXPECT_EQ(rejects(s), "The noise must be a number between 0 and 10.");
    s.noise = -0.1;
    rejects(s);
    s = {};
    s.train_fraction = 0;
    rejects(s);
    s = {};
    s.slope = INFINITY;
    rejects(s);
    s = {};
    s.intercept = 1e9;
    rejects(s);
    s = {};
    s.outlier = std::nan("");
    rejects(s);
    s = {};
    s.kind = static_cast<DatasetKind>(42);
    EXPECT_EQ(rejects(s), "Unknown dataset.");
    EXPECT_NE(MakeDataset(DatasetSettings{}, nullptr), "");
}

TEST(ValidateDataset, CatchesBrokenData) {
    Dataset d = Make(DatasetKind::Blobs, 10, 0.0, 1);
    EXPECT_EQ(ValidateDataset(d), "");
    Dataset bad = d;
    bad.x[3] = std::nan("");
    EXPECT_NE(ValidateDataset(bad), "");
    bad = d;
    bad.y[0] = 2; // only classes 0 and 1
    EXPECT_NE(ValidateDataset(bad), "");
    bad = d;
    bad.y[0] = 0.5;
    EXPECT_NE(ValidateDataset(bad), "");
    bad = d;
    bad.x.pop_back();
    EXPECT_NE(ValidateDataset(bad), "");
    bad = d;
    bad.classes = 1;
    EXPECT_NE(ValidateDataset(bad), "");
    bad = d;
    bad.outlier = 10;
    EXPECT_NE(ValidateDataset(bad), "");
}
