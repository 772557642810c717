// training_lab_view.cpp: see training_lab_view.hpp.
#include "training_lab_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "imgui.h"
#include "views/chart.hpp"
#include "views/theme.hpp"

namespace downhill::views {

namespace {
// The zero line of a field sampled on n x n points over rect r (row 0 at the bottom),
// by marching squares.
void ZeroContour(ImDrawList* dl, const std::vector<double>& f, int n, const LabRect& r, ImU32 col, float thick) {
    const auto px = [&](double i) { return r.left + float(i / (n - 1)) * r.width(); };
    const auto py = [&](double j) { return r.bottom - float(j / (n - 1)) * r.height(); };
    for (int j = 0; j + 1 < n; ++j)
        for (int i = 0; i + 1 < n; ++i) {
            const double v[4] = {f[size_t(j) * n + i], f[size_t(j) * n + i + 1], f[size_t(j + 1) * n + i + 1],
                                 f[size_t(j + 1) * n + i]}; // corners counter-clockwise from bottom-left
            const double ci[4] = {0, 1, 1, 0}, cj[4] = {0, 0, 1, 1};
            ImVec2 cut[4];
            int k = 0;
            for (int e = 0; e < 4; ++e) {
                const double a = v[e], b = v[(e + 1) % 4];
                if (!std::isfinite(a) || !std::isfinite(b) || (a > 0) == (b > 0)) continue;
                const double t = a / (a - b);
                const int e2 = (e + 1) % 4;
                cut[k++] = {px(i + ci[e] + (ci[e2] - ci[e]) * t), py(j + cj[e] + (cj[e2] - cj[e]) * t)};
            }
            if (k >= 2) dl->AddLine(cut[0], cut[1], col, thick);
            if (k == 4) dl->AddLine(cut[2], cut[3], col, thick);
        }
}
} // namespace

TrainingLabLayout MakeTrainingLabLayout(float w, float h) {
    TrainingLabLayout L{};
    L.stacked = h > 0.8f * w;
    const float pad = 8.0f, axis = 46.0f;
    if (L.stacked) {
        const float s = std::max(60.0f, std::min(w - 2 * pad, h * 0.6f));
        L.data = {std::floor((w - s) * 0.5f), pad, std::floor((w - s) * 0.5f) + s, pad + s};
        L.chart = {axis, L.data.bottom + 34.0f, w - 12.0f, h - 30.0f};
    } else {
        const float s = std::max(60.0f, std::min(h - 2 * pad, w * 0.48f));
        L.data = {pad, pad, pad + s, pad + s};
        L.chart = {L.data.right + 14.0f + axis, 30.0f, w - 12.0f, h - 30.0f};
    }
    if (L.chart.bottom < L.chart.top + 20) L.chart.bottom = L.chart.top + 20;
    if (L.chart.right < L.chart.left + 20) L.chart.right = L.chart.left + 20;
    return L;
}

bool TrainingLabDataAt(const model::TrainingLabModel& host, float w, float h, float px, float py, double* x, double* y) {
    if (host.trainer.inputs() != 2 || !(w > 0 && w < 1e5f) || !(h > 0 && h < 1e5f) || !std::isfinite(px) || !std::isfinite(py))
        return false;
    const LabRect r = MakeTrainingLabLayout(w, h).data;
    if (px < r.left || px > r.right || py < r.top || py > r.bottom) return false;
    *x = host.x_lo + double((px - r.left) / r.width()) * (host.x_hi - host.x_lo);
    *y = host.y_lo + double((r.bottom - py) / r.height()) * (host.y_hi - host.y_lo);
    return true;
}

namespace {

void DrawData(ImDrawList* dl, const model::TrainingLabModel& host, const LabRect& r, bool dark, const Theme& c) {
    const Trainer& t = host.trainer;
    const bool classifier = t.is_classifier();
    const auto px = [&](double x) { return r.left + float((x - host.x_lo) / (host.x_hi - host.x_lo)) * r.width(); };
    const auto py = [&](double y) { return r.bottom - float((y - host.y_lo) / (host.y_hi - host.y_lo)) * r.height(); };
    const int n = model::TrainingLabModel::kGrid, outs = std::max(1, t.outputs());
    const LossKind loss = t.model_settings().loss;
    const bool shaded = classifier && host.grid.size() == size_t(n) * n * outs;
    const double shade = dark ? 0.55 : 0.42;

    dl->PushClipRect({r.left, r.top}, {r.right, r.bottom}, true);
    if (shaded) {
        // Each grid point's colour: the likelier class, stronger the surer the model is.
        std::vector<ImU32> cols(size_t(n) * n);
        for (size_t g = 0; g < cols.size(); ++g) {
            const double* o = &host.grid[g * outs];
            int k = 0;
            double sure = 0;
            if (outs == 1) {
                const double prob = loss == LossKind::Hinge ? 0.5 + 0.5 * std::clamp(o[0], -1.0, 1.0) : o[0];
                k = prob > 0.5 ? 1 : 0;
                sure = std::fabs(prob - 0.5) * 2;
            } else {
                for (int q = 1; q < outs; ++q) if (o[q] > o[k]) k = q;
                sure = (o[k] - 1.0 / outs) / (1.0 - 1.0 / outs);
            }
            cols[g] = FromRgb(Mix(RgbOf(c.background), ClassRgb(k, dark), std::isfinite(sure) ? shade * sure : 0.0));
        }
        const float cw = r.width() / (n - 1), ch = r.height() / (n - 1);
        for (int j = 0; j + 1 < n; ++j)
            for (int i = 0; i + 1 < n; ++i) {
                const float x0 = r.left + i * cw, y1 = r.bottom - j * ch;
                dl->AddRectFilledMultiColor({x0, y1 - ch}, {x0 + cw, y1}, cols[size_t(j + 1) * n + i],
                                            cols[size_t(j + 1) * n + i + 1], cols[size_t(j) * n + i + 1],
                                            cols[size_t(j) * n + i]);
            }
        // Decision boundaries: where the likeliest class changes.
        std::vector<double> field(size_t(n) * n);
        const ImU32 line = WithAlpha(c.text, dark ? 230 : 220);
        if (outs == 1) {
            for (size_t g = 0; g < field.size(); ++g) field[g] = host.grid[g] - (loss == LossKind::Hinge ? 0.0 : 0.5);
            ZeroContour(dl, field, n, r, line, 2.0f);
        } else {
            for (int k = 0; k < outs; ++k) {
                for (size_t g = 0; g < field.size(); ++g) {
                    const double* o = &host.grid[g * outs];
                    double other = -1;
                    for (int q = 0; q < outs; ++q) if (q != k) other = std::max(other, o[q]);
                    field[g] = o[k] - other;
                }
                ZeroContour(dl, field, n, r, line, 2.0f);
            }
        }
    }
    // Axes through 0 and light tick lines.
    const double step = NiceStep(host.x_hi - host.x_lo, 5);
    for (double v = std::ceil(host.x_lo / step) * step; v <= host.x_hi; v += step)
        dl->AddLine({px(v), r.top}, {px(v), r.bottom}, shaded ? IM_COL32(128, 128, 128, 40) : c.grid, 1.0f);
    const double ystep = NiceStep(host.y_hi - host.y_lo, 5);
    for (double v = std::ceil(host.y_lo / ystep) * ystep; v <= host.y_hi; v += ystep)
        dl->AddLine({r.left, py(v)}, {r.right, py(v)}, shaded ? IM_COL32(128, 128, 128, 40) : c.grid, 1.0f);

    // The fitted curve of a regression model.
    if (!classifier && host.curve.size() >= 2) {
        dl->PathClear();
        const int m = int(host.curve.size());
        for (int i = 0; i < m; ++i) {
            const double y = host.curve[size_t(i)];
            if (!std::isfinite(y)) break;
            dl->PathLineTo({px(host.x_lo + (host.x_hi - host.x_lo) * i / (m - 1)),
                            std::clamp(py(y), r.top - 1000.0f, r.bottom + 1000.0f)});
        }
        dl->PathStroke((dark ? c.gold : c.violet), 0, 2.5f);
    }

    // Points: training filled, validation hollow.
    const float rad = r.width() >= 300 ? 3.4f : 2.8f;
    const Dataset* sets[2] = {&t.validation_data(), &t.train_data()};
    for (int s = 0; s < 2; ++s) {
        const Dataset& d = *sets[s];
        const bool train = s == 1;
        for (int i = 0; i < d.size(); ++i) {
            ImVec2 p;
            ImU32 col;
            if (d.inputs == 2) {
                p = {px(d.x[size_t(i) * 2]), py(d.x[size_t(i) * 2 + 1])};
                col = FromRgb(ClassRgb(int(d.y[size_t(i)]), dark));
            } else {
                p = {px(d.x[size_t(i)]), py(d.y[size_t(i)])};
                col = c.text;
            }
            if (train) {
                dl->AddCircleFilled(p, rad, col, 12);
                dl->AddCircle(p, rad + 0.5f, WithAlpha(c.edge, dark ? 200 : 220), 12, 1.0f);
            } else {
                dl->AddCircle(p, rad, col, 12, 1.6f);
            }
            if (train && i == d.outlier) {
                dl->AddCircle(p, rad + 5, c.red, 16, 2.0f);
                const float tx = p.x - ImGui::CalcTextSize("outlier").x - rad - 8;
                dl->AddText({std::max(r.left + 2, tx), p.y - 7}, c.red, "outlier");
            }
        }
    }
    dl->PopClipRect();
    dl->AddRect({r.left, r.top}, {r.right, r.bottom}, c.frame, 0.0f, 0, 1.0f);
    const char* xa = t.inputs() == 2 ? "x1" : "x";
    const char* ya = t.inputs() == 2 ? "x2" : "y";
    dl->AddText({r.right - ImGui::CalcTextSize(xa).x - 4, r.bottom - 16}, c.text, xa);
    dl->AddText({r.left + 4, r.top + 2}, c.text, ya);
}

void DrawChart(ImDrawList* dl, const model::TrainingLabModel& host, const LabRect& r, const Theme& c) {
    const Trainer& t = host.trainer;
    const std::vector<double>& tr = t.train_loss();
    const std::vector<double>& va = t.validation_loss();
    const int E = std::max(0, int(tr.size()) - 1);
    const double xmax = std::max(10, E);
    double ymax = 0;
    for (const auto* v : {&tr, &va})
        for (double x : *v) if (std::isfinite(x)) ymax = std::max(ymax, x);
    if (!(ymax > 0)) ymax = 1;
    const double ystep = NiceStep(ymax, 4);
    ymax = std::ceil(ymax * 1.04 / ystep) * ystep;
    const auto px = [&](double e) { return r.left + float(e / xmax) * r.width(); };
    const auto py = [&](double y) { return r.bottom - float(y / ymax) * r.height(); };
    // Axes, grid lines and tick labels.
    const Plot plot{{r.left, r.top, r.right, r.bottom}, 0.0, xmax, 0.0, ymax};
    GridY(dl, plot, TicksEvery(0, ymax, ystep), c.grid, c.text);
    TicksX(dl, plot, TicksEvery(0, xmax, NiceStep(xmax, r.width() < 260 ? 3 : 5)), c.axis, c.text);
    AxisLines(dl, plot, c.axis);
    char buf[32];
    dl->AddText({r.left - 40, r.top - 24}, c.text, "loss");
    const float ew = ImGui::CalcTextSize("epoch").x;
    dl->AddText({r.right - ew, r.bottom + 18}, c.text, "epoch");

    // The two curves, one point per ~pixel at most; they stop where the loss stops being a number.
    const ImU32 ct = c.violet, cv = c.rose;
    const int stride = std::max(1, int(std::ceil((E + 1) / std::max(1.0f, r.width()))));
    const auto points = [&](const std::vector<double>& v) {
        std::vector<ImVec2> pts;
        int last = -1;
        for (int e = 0; e <= E && e < int(v.size()); e += stride) {
            if (!std::isfinite(v[size_t(e)])) return pts;
            pts.push_back({px(e), py(v[size_t(e)])});
            last = e;
        }
        if (last >= 0 && last != E && E < int(v.size()) && std::isfinite(v[size_t(E)])) pts.push_back({px(E), py(v[size_t(E)])});
        return pts;
    };
    const std::vector<ImVec2> pt = points(tr), pv = points(va);
    if (pv.size() >= 2) DashedPolyline(dl, pv, cv, 2.0f, 7.0f, 4.0f);
    if (pt.size() >= 2) dl->AddPolyline(pt.data(), int(pt.size()), ct, 0, 2.0f);
    if (pt.size() == 1) dl->AddCircleFilled(pt[0], 3.0f, ct);
    if (pv.size() == 1) dl->AddCircle(pv[0], 3.5f, cv, 12, 1.5f);

    // The best validation epoch (the trainer's, which early stopping keeps), once there is a run.
    const int best = t.best_epoch();
    if (E > 0 && best >= 0 && best < int(va.size()) && std::isfinite(va[size_t(best)])) {
        const float bx = px(best), by = py(va[size_t(best)]);
        for (float y = r.top; y < r.bottom; y += 6) dl->AddLine({bx, y}, {bx, std::min(y + 3, r.bottom)}, c.green, 1.0f);
        dl->AddCircleFilled({bx, by}, 4.0f, c.green);
        std::snprintf(buf, sizeof buf, t.status() == TrainStatus::Stopped ? "best %d, kept" : "best %d", best);
        const float tw = ImGui::CalcTextSize(buf).x;
        dl->AddText({std::clamp(bx + 4, r.left + 2, r.right - tw - 2), r.top + 2}, c.green, buf);
    }
    if (t.status() == TrainStatus::Diverged) {
        const float dx = px(std::max(0, t.diverged_epoch()));
        dl->AddLine({dx, r.top}, {dx, r.bottom}, c.red, 2.0f);
        const float tw = ImGui::CalcTextSize("diverged").x;
        dl->AddText({std::clamp(dx - tw - 4, r.left + 2, r.right - tw), r.top + 18}, c.red, "diverged");
    }

    // Legend, top right above the plot.
    const float lw = ImGui::CalcTextSize("validation").x, tw2 = ImGui::CalcTextSize("training").x;
    float lx = r.right - (lw + tw2 + 2 * 26 + 14);
    const float ly = r.top - 20;
    lx = std::max(lx, r.left);
    dl->AddLine({lx, ly + 7}, {lx + 20, ly + 7}, ct, 2.0f);
    dl->AddText({lx + 24, ly}, c.text, "training");
    lx += 24 + tw2 + 14;
    DashedPolyline(dl, {{lx, ly + 7}, {lx + 20, ly + 7}}, cv, 2.0f, 7.0f, 4.0f);
    dl->AddText({lx + 24, ly}, c.text, "validation");
}

// The learning rate the schedule gives over the loss chart's epochs (the rate of each
// epoch's first step), with the current epoch marked: a strip under the chart.
void DrawRates(ImDrawList* dl, const model::TrainingLabModel& host, const LabRect& r, const Theme& c) {
    const Trainer& t = host.trainer;
    const int E = std::max(0, int(t.train_loss().size()) - 1), spe = t.steps_per_epoch();
    const double xmax = std::max(10, E), top = t.ScheduledRate(0);
    const int n = std::max(2, int(r.width() / 2));
    const auto at = [&](double e) {
        return ImVec2{r.left + float(e / xmax) * r.width(), r.bottom - float(t.ScheduledRate(long(std::floor(e)) * spe) / top) * r.height()};
    };
    std::vector<ImVec2> pts;
    for (int i = 0; i <= n; ++i) pts.push_back(at(xmax * i / n));
    dl->AddLine({r.left, r.bottom}, {r.right, r.bottom}, c.axis, 1.0f);
    dl->AddPolyline(pts.data(), int(pts.size()), c.gold, 0, 2.0f);
    dl->AddCircleFilled(at(E), 3.5f, c.gold);
    char buf[64], now[24], first[24];
    FormatNumber(first, sizeof first, top, 3);
    FormatNumber(now, sizeof now, t.current_learning_rate(), 3);
    std::snprintf(buf, sizeof buf, "learning rate %s, now %s", first, now);
    dl->AddText({r.left, r.top - 16}, c.text, buf);
}

} // namespace

void DrawTrainingLabView(const model::TrainingLabModel& host, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& c = GetTheme(dark);
    const TrainingLabLayout L = MakeTrainingLabLayout(w, h);
    DrawData(dl, host, L.data, dark, c);
    LabRect chart = L.chart;
    if (host.trainer.train_settings().optimizer_settings.schedule.kind != ScheduleKind::Constant && chart.height() > 140) {
        chart.bottom -= 64;
        DrawRates(dl, host, {chart.left, chart.bottom + 54, chart.right, chart.bottom + 82}, c);
    }
    DrawChart(dl, host, chart, c);
}

} // namespace downhill::views
