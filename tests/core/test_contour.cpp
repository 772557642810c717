// test_contour.cpp: quantile levels, ranks, and marching squares on surfaces whose level
// sets are known (circles of the bowl, straight lines of a plane, the saddle's cross).
#include <gtest/gtest.h>

#include <cmath>

#include "core/contour.hpp"

using namespace downhill;

TEST(Contour, QuantileLevelsAndRanks) {
    const std::vector<double> sorted = SortedFinite({4, NAN, 0, 3, 1, INFINITY, 2});
    EXPECT_EQ(sorted, (std::vector<double>{0, 1, 2, 3, 4}));
    EXPECT_EQ(QuantileLevels(sorted, 3), (std::vector<double>{1, 2, 3}));
    EXPECT_EQ(QuantileLevels(sorted, 1), (std::vector<double>{2}));
    EXPECT_TRUE(QuantileLevels({5, 5, 5}, 4).empty());
    EXPECT_TRUE(QuantileLevels({}, 4).empty());
    EXPECT_EQ(RankOf(sorted, -1), 0.0);
    EXPECT_EQ(RankOf(sorted, 0), 0.0);
    EXPECT_EQ(RankOf(sorted, 2), 0.5);
    EXPECT_EQ(RankOf(sorted, 2.5), 0.625);
    EXPECT_EQ(RankOf(sorted, 9), 1.0);
    EXPECT_EQ(RankOf(sorted, NAN), 0.0);
    // Repeated values collapse to one level.
    EXPECT_EQ(QuantileLevels({0, 0, 0, 0, 0, 0, 0, 1}, 3), (std::vector<double>{0}));
}

TEST(Contour, PlaneGivesStraightLines) {
    // f = x on [0, 4] x [0, 2], 5 x 3 samples: the level 1.5 is the line x = 1.5.
    const Range2D r{0, 4, 0, 2};
    std::vector<double> g;
    for (int j = 0; j < 3; ++j)
        for (int i = 0; i < 5; ++i) g.push_back(i);
    const auto segs = ContourSegments(g, 5, 3, r, {1.5});
    ASSERT_EQ(segs.size(), 2u); // one per cell row
    for (const auto& s : segs) {
        EXPECT_DOUBLE_EQ(s.x0, 1.5);
        EXPECT_DOUBLE_EQ(s.x1, 1.5);
        EXPECT_EQ(std::fabs(s.y1 - s.y0), 1.0);
        EXPECT_EQ(s.level, 0);
    }
    EXPECT_TRUE(ContourSegments(g, 4, 3, r, {1.5}).empty()); // wrong size
    EXPECT_TRUE(ContourSegments(g, 5, 3, r, {9}).empty());   // level above everything
}

TEST(Contour, BowlGivesCircles) {
    Bowl2D f;
    const int n = 121;
    const auto g = SampleLandscape2D(f, n, n);
    const auto segs = ContourSegments(g, n, n, f.range(), {1.0, 4.0});
    ASSERT_FALSE(segs.empty());
    double len[2] = {0, 0};
    for (const auto& s : segs) {
        const double want = s.level == 0 ? 1.0 : 2.0;
        EXPECT_NEAR(std::hypot(s.x0, s.y0), want, 0.003);
        EXPECT_NEAR(std::hypot(s.x1, s.y1), want, 0.003);
        len[s.level] += std::hypot(s.x1 - s.x0, s.y1 - s.y0);
    }
    // Total lengths approach the circumferences 2 pi and 4 pi.
    EXPECT_NEAR(len[0], 2 * M_PI, 0.01);
    EXPECT_NEAR(len[1], 4 * M_PI, 0.02);
}

TEST(Contour, SaddleCellSplitsByItsCentre) {
    // One cell with corners 1 (bottom-left), 0, 1 (top-right), 0: level 0.5 crosses all
    // four edges. Centre 0.5 counts as high, like corners 0 and 2: two segments cut off
    // corners 1 and 3.
    const std::vector<double> g = {1, 0, 0, 1}; // row 0: (0,0)=1, (1,0)=0; row 1: (0,1)=0, (1,1)=1
    const auto segs = ContourSegments(g, 2, 2, Range2D{0, 1, 0, 1}, {0.5});
    ASSERT_EQ(segs.size(), 2u);
    // Around corner 1 (x=1, y=0): midpoints of the bottom and right edges.
    EXPECT_DOUBLE_EQ(segs[0].x0, 0.5);
    EXPECT_DOUBLE_EQ(segs[0].y0, 0.0);
    EXPECT_DOUBLE_EQ(segs[0].x1, 1.0);
    EXPECT_DOUBLE_EQ(segs[0].y1, 0.5);
    // Around corner 3 (x=0, y=1): midpoints of the top and left edges.
    EXPECT_DOUBLE_EQ(segs[1].x0, 0.5);
    EXPECT_DOUBLE_EQ(segs[1].y0, 1.0);
    EXPECT_DOUBLE_EQ(segs[1].x1, 0.0);
    EXPECT_DOUBLE_EQ(segs[1].y1, 0.5);
}

TEST(Contour, NonFiniteCellsAreSkipped) {
    const std::vector<double> g = {0, 1, NAN, 1, 0, 1};
    const auto segs = ContourSegments(g, 3, 2, Range2D{0, 2, 0, 1}, {0.5});
    for (const auto& s : segs) EXPECT_TRUE(s.x0 >= 0 && s.x0 <= 1 && s.x1 >= 0 && s.x1 <= 1);
    EXPECT_FALSE(segs.empty());
}
