// test_label_layout.cpp: the canvases' label spreading (src/views/label_layout.hpp): names
// that start at one point, as the learning-rate runs' names do at step 0, end up apart.
#include <gtest/gtest.h>

#include "views/label_layout.hpp"

using downhill::views::LabelBox;
using downhill::views::SpreadLabels;

static void ExpectApart(const std::vector<LabelBox>& v) {
    for (size_t i = 0; i < v.size(); ++i)
        for (size_t j = i + 1; j < v.size(); ++j) EXPECT_FALSE(v[i].Overlaps(v[j], 0.0f)) << i << " and " << j;
}

TEST(LabelLayout, NamesAtOnePointAreStackedApart) {
    // "Small", "Medium", "Large" at step 0 of the chart: the same point, box 20..180.
    std::vector<LabelBox> v = {{58, 20, 40, 17}, {58, 20, 56, 17}, {58, 20, 42, 17}};
    SpreadLabels(v, 20, 180);
    ExpectApart(v);
    for (const auto& b : v) {
        EXPECT_GE(b.y, 20);
        EXPECT_LE(b.y + b.h, 180);
        EXPECT_EQ(b.x, 58); // only moved up or down
    }
    EXPECT_EQ(v[0].y, 20); // the first keeps its place
}

TEST(LabelLayout, AtTheBottomTheStackGrowsUpward) {
    std::vector<LabelBox> v = {{10, 170, 50, 17}, {20, 172, 50, 17}, {30, 175, 50, 17}};
    SpreadLabels(v, 0, 180);
    ExpectApart(v);
    for (const auto& b : v) EXPECT_LE(b.y + b.h, 180);
}

TEST(LabelLayout, LabelsInOtherColumnsStayPut) {
    std::vector<LabelBox> v = {{0, 50, 40, 17}, {100, 50, 40, 17}};
    SpreadLabels(v, 0, 200);
    EXPECT_EQ(v[0].y, 50);
    EXPECT_EQ(v[1].y, 50);
}
