// test_train_own_data.cpp: the learner's own points: the CSV reader takes good input in
// its several spellings and refuses bad or hostile input with a message naming the line;
// the link form round-trips at 3 significant digits; points are added and removed within
// the rules; and own data trains like any generated set (a drawn boundary is learnt).
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "core/train/own_data.hpp"
#include "core/train/trainer.hpp"

using namespace downhill;

namespace {
std::string Read(const std::string& csv, Dataset* d = nullptr) {
    Dataset tmp;
    return ReadOwnCsv(csv, d ? d : &tmp);
}
std::string Rows(int n) { // n points alternating classes 0 and 1
    std::string s;
    for (int i = 0; i < n; ++i) s += std::to_string(i % 50) + "," + std::to_string(-(i % 7)) + "," + std::to_string(i % 2) + "\n";
    return s;
}
} // namespace

TEST(OwnCsv, ReadsPointsWithOrWithoutHeader) {
    Dataset d;
    ASSERT_EQ(Read("x,y,label\n1.5,-2,0\n3,4.25,1\n-1e1,0.5,1\n0,0,0\n", &d), "");
    EXPECT_EQ(d.size(), 4);
    EXPECT_EQ(d.inputs, 2);
    EXPECT_EQ(d.classes, 2);
    EXPECT_EQ(d.x, (std::vector<double>{1.5, -2, 3, 4.25, -10, 0.5, 0, 0}));
    EXPECT_EQ(d.y, (std::vector<double>{0, 1, 1, 0}));
    Dataset e;
    ASSERT_EQ(Read("1.5,-2,0\n3,4.25,1\n-1e1,0.5,1\n0,0,0", &e), ""); // no header, no final newline
    EXPECT_EQ(e.x, d.x);
    EXPECT_EQ(e.y, d.y);
}

TEST(OwnCsv, SemicolonsTabsQuotesBlankLinesAndDecimalCommas) {
    Dataset d;
    const std::string csv = "\xEF\xBB\xBF\"x\";\"y\";\"class\"\r\n\r\n1,5;-2;0\r\n  \r\n\"3\";4;1\r\n2;2;2\r\n-1;-1;0;\r\n";
    ASSERT_EQ(Read(csv, &d), "");
    EXPECT_EQ(d.x, (std::vector<double>{1.5, -2, 3, 4, 2, 2, -1, -1}));
    EXPECT_EQ(d.y, (std::vector<double>{0, 1, 2, 0}));
    EXPECT_EQ(d.classes, 3);
    Dataset t;
    ASSERT_EQ(Read("x\ty\tlabel\n0.5\t1\t1\n2\t3\t0\n4\t5\t1\n6\t7\t0\n", &t), "");
    EXPECT_EQ(t.size(), 4);
    EXPECT_EQ(t.x[0], 0.5);
}

TEST(OwnCsv, EveryErrorNamesItsLine) {
    const std::string ok = "1,1,0\n2,2,1\n3,3,0\n";
    EXPECT_EQ(Read("x,y,label\nabc,1,0\n" + ok), "Line 2: 'abc' is not a number.");
    EXPECT_EQ(Read("x,y,label\n1,2,0\n3,4,1\n5,6,cat\n" + ok), "Line 4: the label 'cat' is not a class number (0, 1 or 2).");
    EXPECT_EQ(Read(ok + "1,2,3\n"), "Line 4: the label '3' is not a class number (0, 1 or 2).");
    EXPECT_EQ(Read(ok + "1,2,0.5\n"), "Line 4: the label '0.5' is not a class number (0, 1 or 2).");
    EXPECT_EQ(Read(ok + "1,2,-1\n"), "Line 4: the label '-1' is not a class number (0, 1 or 2).");
    EXPECT_EQ(Read(ok + "\n\n1,2\n"), "Line 6: a row needs 3 values (x, y and the label) separated by commas, semicolons "
                                      "or tabs; this one has 2.");
    EXPECT_EQ(Read(ok + "1 2 0\n"), "Line 4: a row needs 3 values (x, y and the label) separated by commas, semicolons "
                                    "or tabs; this one has 1.");
    EXPECT_EQ(Read(ok + "1,2,0,7\n"), "Line 4: a row needs 3 values (x, y and the label) separated by commas, semicolons "
                                      "or tabs; this one has 4.");
    EXPECT_EQ(Read(ok + ",2,0\n"), "Line 4: the x value is missing.");
    EXPECT_EQ(Read(ok + "2,,0\n"), "Line 4: the y value is missing.");
    EXPECT_EQ(Read(ok + "1001,2,0\n"), "Line 4: '1001' is out of range: x and y must lie between -1000 and 1000.");
    EXPECT_EQ(Read("x,y,label\r\n" + ok + "2,1e400,1\r\n"),
              "Line 5: '1e400' is too large: x and y must lie between -1000 and 1000.");
    EXPECT_EQ(Read("1,1,0\r2,NaN,1\r"), "Line 2: 'NaN' is not a number.");
    EXPECT_EQ(Read(ok + "inf,1,0\n"), "Line 4: 'inf' is not a number.");
    EXPECT_EQ(Read(ok + "0x10,1,0\n"), "Line 4: '0x10' is not a number.");
    EXPECT_EQ(Read(ok + "1.2.3,1,0\n"), "Line 4: '1.2.3' is not a number.");
    EXPECT_EQ(Read(ok + "1e,1,0\n"), "Line 4: '1e' is not a number.");
    EXPECT_EQ(Read(ok + "1,x,1\n"), "Line 4: 'x' is not a number."); // not a header: line 1 held numbers
}

TEST(OwnCsv, TooFewEmptyOrOneClass) {
    EXPECT_EQ(Read(""), "No points yet: write one point per line as x, y, label (for example 1.5, -2, 0).");
    EXPECT_EQ(Read("\n \n\t\n"), "No points yet: write one point per line as x, y, label (for example 1.5, -2, 0).");
    EXPECT_EQ(Read("x,y,label\n"), "No points yet: write one point per line as x, y, label (for example 1.5, -2, 0).");
    EXPECT_EQ(Read("1,1,0\n"), "Only 1 point: the lab needs at least 4 (some to train on, some to validate).");
    EXPECT_EQ(Read("1,1,0\n2,2,1\n3,3,0\n"), "Only 3 points: the lab needs at least 4 (some to train on, some to validate).");
    EXPECT_EQ(Read("1,1,1\n2,2,1\n3,3,1\n4,4,1\n"), "Every point is class 1: the lab needs points of at least two classes.");
}

TEST(OwnCsv, AThousandRowsAndNoMore) {
    Dataset d;
    ASSERT_EQ(Read("x,y,label\n" + Rows(1000), &d), "");
    EXPECT_EQ(d.size(), 1000);
    EXPECT_EQ(Read("x,y,label\n" + Rows(1001)), "Line 1002: more than 1000 points; the lab takes at most 1000.");
    EXPECT_EQ(Read("x,y,label\n\n" + Rows(5000)), "Line 1003: more than 1000 points; the lab takes at most 1000.");
    EXPECT_EQ(Read(std::string(100001, '1')), "The text is too long: the lab reads at most 100000 characters (1000 points).");
}

TEST(OwnCsv, HostileInputIsQuotedShortAndNeverCrashes) {
    const std::string ok = "1,1,0\n2,2,1\n3,3,0\n";
    EXPECT_EQ(Read(ok + "</script><script>alert(1)</script>,1,0\n"),
              "Line 4: '</script><script>alert(1…' is not a number.");
    EXPECT_EQ(Read(ok + std::string("a\x01\x7f", 3) + ",1,0\n"), "Line 4: 'a?" "?' is not a number.");
    EXPECT_EQ(Read(ok + "\xC3\xA9\xFF,1,0\n"), "Line 4: '\xC3\xA9?' is not a number."); // é then a broken byte
    EXPECT_EQ(Read(ok + std::string(5000, '9') + ",1,0\n"), "Line 4: '999999999999999999999999…' is not a number.");
    EXPECT_EQ(Read(std::string(1, '\0') + ",1,0\n" + ok), "Line 1: '?' is not a number.");
    EXPECT_EQ(Read("x,y,label\n" + std::string(90000, ',')), "Line 2: a row needs 3 values (x, y and the label) separated "
                                                            "by commas, semicolons or tabs; this one has 90000.");
    // A long hostile text is read quickly.
    std::string big;
    while (big.size() < 99000) big += ";;\t\"\"\r\n((1e400,";
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_NE(Read(big), "");
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 0.1);
}

TEST(OwnCsv, WritesWhatItReads) {
    Dataset d;
    ASSERT_EQ(Read("x,y,label\n1.5,-2,0\n0.1,1000,1\n-0.333333333333,2e-5,2\n7,8,0\n", &d), "");
    const std::string csv = WriteOwnCsv(d);
    EXPECT_EQ(csv, "x,y,label\n1.5,-2,0\n0.1,1000,1\n-0.333333333333,2e-05,2\n7,8,0\n");
    Dataset back;
    ASSERT_EQ(Read(csv, &back), "");
    EXPECT_EQ(back.x, d.x);
    EXPECT_EQ(back.y, d.y);
}

TEST(OwnLink, RoundTripsAtThreeSignificantDigits) {
    EXPECT_EQ(RoundOwnCoordinate(1.23456), 1.23);
    EXPECT_EQ(RoundOwnCoordinate(-0.0012345), -0.00123);
    EXPECT_EQ(RoundOwnCoordinate(987.6), 988);
    EXPECT_EQ(RoundOwnCoordinate(999.7), 1000);
    EXPECT_EQ(RoundOwnCoordinate(0.00000012), 0);
    EXPECT_EQ(RoundOwnCoordinate(5.999), 6);
    Dataset d;
    ASSERT_EQ(Read("1.23456,-2,0\n0.5,987.6,1\n-0.0012345,3,2\n1000,-1000,0\n", &d), "");
    const std::string link = WriteOwnLink(d);
    EXPECT_EQ(link, "1.23_-2_0_0.5_988_1_-0.00123_3_2_1000_-1000_0");
    Dataset back;
    ASSERT_EQ(ReadOwnLink(link, &back), "");
    EXPECT_EQ(back.x, (std::vector<double>{1.23, -2, 0.5, 988, -0.00123, 3, 1000, -1000}));
    EXPECT_EQ(back.y, d.y);
    EXPECT_EQ(back.classes, 3);
    EXPECT_EQ(WriteOwnLink(back), link); // a second round trip changes nothing
    // Commas and semicolons separate too.
    Dataset c;
    ASSERT_EQ(ReadOwnLink("1,2,0;3,4,1;5,6,0;7,8,1", &c), "");
    EXPECT_EQ(c.size(), 4);
}

TEST(OwnLink, RefusesWithThePointNamed) {
    Dataset d;
    EXPECT_EQ(ReadOwnLink("1_2_0_abc_4_1_5_6_0_7_8_1", &d), "Point 2 of the link: 'abc' is not a number.");
    EXPECT_EQ(ReadOwnLink("1_2_0_3_4_9_5_6_0_7_8_1", &d), "Point 2 of the link: the label '9' is not a class number (0, 1 or 2).");
    EXPECT_EQ(ReadOwnLink("1_2_0_3_4_1_5_6_0_7_8", &d),
              "The points in the link are cut short: the last one has 2 of its 3 values (x, y and the label).");
    EXPECT_EQ(ReadOwnLink("1_2_0_3_4_1", &d),
              "The points in the link: Only 2 points: the lab needs at least 4 (some to train on, some to validate).");
    EXPECT_EQ(ReadOwnLink("1_1e400_0_3_4_1_5_6_0_7_8_1", &d),
              "Point 1 of the link: '1e400' is too large: x and y must lie between -1000 and 1000.");
    std::string many;
    for (int i = 0; i < 201; ++i) many += std::string(i ? "_" : "") + "1_1_" + std::to_string(i % 2);
    EXPECT_EQ(ReadOwnLink(many, &d), "The link holds more than 200 points, the most a link carries.");
    EXPECT_EQ(ReadOwnLink(std::string(7000, '1'), &d), "The points in the link are too long to read (at most 6000 characters).");
    EXPECT_EQ(d.size(), 0); // every refusal left it untouched
    Dataset big;
    ASSERT_EQ(Read(Rows(201), &big), "");
    EXPECT_EQ(WriteOwnLink(big), "");
}

TEST(OwnPoints, AddAndRemoveKeepTheRules) {
    Dataset d = StarterOwnData();
    EXPECT_EQ(CheckOwnData(d), "");
    EXPECT_EQ(d.size(), 6);
    EXPECT_EQ(AddOwnPoint(&d, 1.23456, -0.98765, 2), "");
    EXPECT_EQ(d.size(), 7);
    EXPECT_EQ(d.classes, 3);
    EXPECT_EQ(d.x[12], 1.23);
    EXPECT_EQ(d.x[13], -0.988);
    EXPECT_EQ(AddOwnPoint(&d, 0, 0, 3), "The class of a point must be 0, 1 or 2.");
    EXPECT_EQ(AddOwnPoint(&d, 2000, 0, 0), "That point lies outside the range the lab takes: x and y must lie between -1000 and 1000.");
    EXPECT_EQ(AddOwnPoint(&d, NAN, 0, 0), "That point lies outside the range the lab takes: x and y must lie between -1000 and 1000.");
    EXPECT_EQ(d.size(), 7);
    // Removing the class-2 point takes the data back to two classes.
    EXPECT_EQ(RemoveOwnPointNear(&d, 1.3, -1.0, 0.5), "");
    EXPECT_EQ(d.size(), 6);
    EXPECT_EQ(d.classes, 2);
    EXPECT_EQ(RemoveOwnPointNear(&d, 0, 0, 0.5), "There is no point there to remove: click on a point.");
    // The nearest point within the radius goes: (-3, 2) of class 0.
    EXPECT_EQ(RemoveOwnPointNear(&d, -2.8, 1.9, 1.0), "");
    EXPECT_EQ(d.x[0], -4);
    EXPECT_EQ(RemoveOwnPointNear(&d, -4, -1, 0.5), "");
    EXPECT_EQ(d.size(), 4);
    EXPECT_EQ(RemoveOwnPointNear(&d, 3, 2, 0.5), "Keep at least 4 points: the lab needs some to train on and some to validate.");
    EXPECT_EQ(AddOwnPoint(&d, 3, 3, 1), "");
    EXPECT_EQ(RemoveOwnPointNear(&d, -2, -3, 0.5),
              "That is the last point of its class: without it every point would be class 1, and the lab needs points of "
              "at least two classes.");
    EXPECT_EQ(d.size(), 5);
    Dataset full;
    ASSERT_EQ(Read(Rows(1000), &full), "");
    EXPECT_EQ(AddOwnPoint(&full, 0, 0, 0), "Your data has 1000 points, the most the lab takes: remove some first.");
}

TEST(OwnPoints, AreOneMoreDatasetKindTheTrainerTakes) {
    DatasetKind k;
    ASSERT_TRUE(ParseDatasetKind("own", &k));
    EXPECT_EQ(k, DatasetKind::Own);
    EXPECT_STREQ(DatasetKindName(DatasetKind::Own), "own");
    DatasetSettings s;
    s.kind = DatasetKind::Own;
    EXPECT_EQ(ValidateDatasetSettings(s), "No points yet: write one point per line as x, y, label (for example 1.5, -2, 0).");
    // Class 0 on the left, class 1 on the right: 40 points on a grid.
    std::string csv;
    for (int i = 0; i < 40; ++i) {
        const double x = (i % 8) - 3.5, y = (i / 8) - 2.0;
        csv += std::to_string(x) + "," + std::to_string(y) + "," + (x > 0 ? "1" : "0") + "\n";
    }
    ASSERT_EQ(ReadOwnCsv(csv, &s.own), "");
    s.train_fraction = 0.5;
    s.seed = 3;
    s.points = 7; // not read for own data
    Dataset train, validation;
    ASSERT_EQ(MakeSplit(s, &train, &validation), "");
    EXPECT_EQ(train.size(), 20);
    EXPECT_EQ(validation.size(), 20);
    EXPECT_EQ(DatasetClasses(s), 2);
    EXPECT_EQ(DatasetInputs(s), 2);

    ModelSettings m;
    m.kind = ModelKind::LogisticRegression;
    TrainSettings t;
    t.learning_rate = 0.5;
    t.mode = BatchMode::Batch;
    Trainer left_right;
    ASSERT_EQ(left_right.Configure(s, m, t), "");
    for (int e = 0; e < 300; ++e) left_right.TrainEpoch();
    EXPECT_EQ(left_right.TrainAccuracy(), 1.0);
    EXPECT_EQ(left_right.ValidationAccuracy(), 1.0);
    // The same points labelled top against bottom: the boundary turns.
    for (int i = 0; i < s.own.size(); ++i) s.own.y[size_t(i)] = s.own.x[2 * size_t(i) + 1] > 0 ? 1 : 0;
    Trainer top_bottom;
    ASSERT_EQ(top_bottom.Configure(s, m, t), "");
    for (int e = 0; e < 300; ++e) top_bottom.TrainEpoch();
    EXPECT_EQ(top_bottom.TrainAccuracy(), 1.0);
    const std::vector<double> probes = {-3, 0.5, 3, 0.5, 0.5, -3, 0.5, 3}; // left, right, bottom, top
    const std::vector<double> a = left_right.Predict(probes), b = top_bottom.Predict(probes);
    EXPECT_LT(a[0], 0.5);
    EXPECT_GT(a[1], 0.5);
    EXPECT_LT(b[2], 0.5);
    EXPECT_GT(b[3], 0.5);
    // A 3-class model needs 3-class own data: BCE is refused when a label 2 appears.
    ASSERT_EQ(AddOwnPoint(&s.own, 0, 0, 2), "");
    Trainer three;
    EXPECT_NE(three.Configure(s, m, t), "");
    m.loss = LossKind::SoftmaxCE;
    EXPECT_EQ(three.Configure(s, m, t), "");
    EXPECT_EQ(three.outputs(), 3);
}
