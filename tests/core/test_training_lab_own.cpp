// test_training_lab_own.cpp: the training lab's model on the learner's own points: a
// CSV or a click becomes a new run on dataset "own", the loss follows a third class, a
// preset keeps the points for later, removal finds a point within its radius of the plot,
// and points near the edge leave the plot's range at [-6, 6].
#include <gtest/gtest.h>

#include "model/training_lab_model.hpp"

using namespace downhill;
using model::TrainingLabModel;
using model::TrainingLabSettings;

TEST(TrainingLabOwn, StartsWithTheStarterPointsAndSwitchesOnAChange) {
    TrainingLabModel lab;
    EXPECT_EQ(lab.settings.data.kind, DatasetKind::Circle);
    EXPECT_EQ(lab.settings.data.own.size(), 6);
    EXPECT_EQ(lab.AddPoint(0.123456, 5.9, 1), "");
    EXPECT_EQ(lab.settings.data.kind, DatasetKind::Own);
    EXPECT_EQ(lab.settings.data.points, 500); // the generated sets' count, kept for later
    EXPECT_EQ(lab.trainer.train_data().size() + lab.trainer.validation_data().size(), 7);
    EXPECT_EQ(lab.settings.data.own.x[12], 0.123);
    EXPECT_EQ(lab.settings.data.own.x[13], 5.9);
    EXPECT_EQ(lab.x_lo, -6); // a point inside [-6, 6] keeps the range
    EXPECT_EQ(lab.y_hi, 6);
    EXPECT_EQ(lab.trainer.epoch(), 0);
}

TEST(TrainingLabOwn, ThreeClassesMoveTheLossToSoftmaxAndAPresetKeepsThePoints) {
    TrainingLabModel lab;
    EXPECT_EQ(lab.SetOwnCsv("x,y,label\n1,1,0\n2,2,1\n3,3,0\n4,x,1\n"), "Line 5: 'x' is not a number.");
    EXPECT_EQ(lab.settings.data.kind, DatasetKind::Circle); // a refusal changes nothing
    ASSERT_EQ(lab.SetOwnCsv("1,1,0\n2,2,1\n3,3,2\n-8,4,0\n"), "");
    EXPECT_EQ(lab.settings.model.loss, LossKind::SoftmaxCE);
    EXPECT_EQ(lab.trainer.outputs(), 3);
    EXPECT_NEAR(lab.x_hi, 8 * 1.04, 1e-12); // a point outside [-6, 6] widens the range
    ASSERT_EQ(lab.ApplyPreset(PresetKind::Overfit), "");
    EXPECT_EQ(lab.settings.data.own.size(), 4);
    TrainingLabSettings s = lab.settings;
    s.data.kind = DatasetKind::Own;
    // Configure itself checks the loss against the 3 classes (the page picks it to fit).
    EXPECT_EQ(lab.Configure(s), "bce loss separates 2 classes; this dataset has 3: use softmax cross-entropy.");
    s.model.loss = LossKind::SoftmaxCE;
    ASSERT_EQ(lab.Configure(s), ""); // the overfitting network on the kept points
    EXPECT_EQ(lab.trainer.train_data().size() + lab.trainer.validation_data().size(), 4);
    // A regression setup on own points moves to a classifier.
    ASSERT_EQ(lab.SetOwnCsv("1,1,0\n2,2,1\n3,3,0\n4,4,1\n"), "");
    s = lab.settings;
    s.data.kind = DatasetKind::Line;
    s.model.kind = ModelKind::LinearRegression;
    s.model.loss = LossKind::MSE;
    ASSERT_EQ(lab.Configure(s), "");
    ASSERT_EQ(lab.AddPoint(0, 0, 0), "");
    EXPECT_EQ(lab.settings.model.kind, ModelKind::LogisticRegression);
    EXPECT_EQ(lab.settings.model.loss, LossKind::BCE);
}

TEST(TrainingLabOwn, RemovalFindsAPointWithinItsShareOfThePlot) {
    TrainingLabModel lab;
    ASSERT_EQ(lab.AddPoint(1, 1, 0), ""); // range [-6, 6]: the radius is 0.05 * 12 = 0.6
    EXPECT_EQ(lab.RemovePointNear(1.7, 1), "There is no point there to remove: click on a point.");
    EXPECT_EQ(lab.RemovePointNear(1.5, 1.2), "");
    EXPECT_EQ(lab.settings.data.own.size(), 6);
}
