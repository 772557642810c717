// backprop_view.cpp: see backprop_view.hpp.
#include "backprop_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "views/number.hpp"
#include "views/theme.hpp"

namespace downhill::views {

namespace {
// A number on the canvas: the course's format (FormatNumber), two decimals unless asked.
std::string Num(double v, int digits = 2) { return FormatNumber(v, digits); }
void CenteredText(ImDrawList* dl, ImVec2 c, ImU32 col, const std::string& t) {
    const ImVec2 sz = ImGui::CalcTextSize(t.c_str());
    dl->AddText({std::floor(c.x - sz.x * 0.5f), std::floor(c.y - sz.y * 0.5f)}, col, t.c_str());
}
// A filled arrowhead at p pointing along (dx, dy).
void Arrow(ImDrawList* dl, ImVec2 p, float dx, float dy, ImU32 col, float s) {
    const float len = std::hypot(dx, dy);
    if (len <= 0) return;
    dx /= len; dy /= len;
    dl->AddTriangleFilled({p.x + dx * s, p.y + dy * s}, {p.x - dx * s * 0.6f - dy * s * 0.7f, p.y - dy * s * 0.6f + dx * s * 0.7f},
                          {p.x - dx * s * 0.6f + dy * s * 0.7f, p.y - dy * s * 0.6f - dx * s * 0.7f}, col);
}
struct Box {
    float x0, y0, x1, y1;
    float Area() const { return (x1 - x0) * (y1 - y0); }
};
float Overlap(const Box& a, const Box& b) {
    return std::max(0.0f, std::min(a.x1, b.x1) - std::max(a.x0, b.x0)) * std::max(0.0f, std::min(a.y1, b.y1) - std::max(a.y0, b.y0));
}
// The box two lines of text need (the second line's widest form, so it never grows).
ImVec2 LabelSize(const std::string& a, const std::string& b) {
    const ImVec2 sa = ImGui::CalcTextSize(a.c_str()), sb = ImGui::CalcTextSize(b.c_str());
    return {std::max(sa.x, sb.x) + 8, sa.y + sb.y + 4};
}
// A box of `size` centred at c with one or two lines of text.
void LabelBox(ImDrawList* dl, ImVec2 c, const Theme& k, const std::string& a, const std::string& b, ImU32 col_a, ImU32 col_b,
              ImVec2 size) {
    const ImVec2 p0{std::floor(c.x - size.x * 0.5f), std::floor(c.y - size.y * 0.5f)};
    dl->AddRectFilled(p0, {p0.x + size.x, p0.y + size.y}, k.label_bg, 4.0f);
    dl->AddText({p0.x + 4, p0.y + 2}, col_a, a.c_str());
    if (!b.empty()) dl->AddText({p0.x + 4, p0.y + 2 + size.y * 0.5f - 2}, col_b, b.c_str());
}
} // namespace

BackpropLayout MakeBackpropLayout(int inputs, int hidden, float w, float h) {
    BackpropLayout L;
    L.compact = w < 520;
    L.radius = L.compact ? 18.0f : 22.0f;
    const float top = 34.0f, bottom = h - 26.0f, mid = 0.5f * (top + bottom), span = bottom - top;
    // Narrow canvases put the loss box under the output node, leaving the width to the edges.
    const float x_in = L.compact ? L.radius + 6 : 0.1f * w, x_hid = L.compact ? 0.46f * w : 0.44f * w,
                x_out = L.compact ? w - L.radius - 40 : 0.74f * w;
    const float out_y = L.compact ? mid - 0.12f * span : mid;
    L.nodes.resize(3);
    if (inputs == 1) L.nodes[0] = {{x_in, out_y}};
    else L.nodes[0] = {{x_in, mid - 0.27f * span}, {x_in, mid + 0.27f * span}};
    if (hidden == 1) L.nodes[1] = {{x_hid, out_y}};
    else if (hidden == 3) L.nodes[1] = {{x_hid, mid - 0.4f * span}, {x_hid, mid}, {x_hid, mid + 0.4f * span}};
    else L.nodes[1] = {{x_hid, mid - 0.27f * span}, {x_hid, mid + 0.27f * span}};
    L.nodes[2] = {{x_out, out_y}};
    L.loss = L.compact ? ImVec2{x_out, out_y + L.radius + 92} : ImVec2{w - 0.1f * w, mid};
    return L;
}

void DrawBackpropView(const model::BackpropModel& host, float w, float h, bool dark) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const Theme& k = GetTheme(dark);
    const model::BackpropSnapshot& s = host.snap;
    if (s.w.size() < 2 || s.a.size() < 3) return;
    const int hidden = int(s.a[1].size());
    const BackpropLayout L = MakeBackpropLayout(int(s.a[0].size()), hidden, w, h);
    const bool bce = host.settings.loss == LossKind::BCE;
    const int revealed = host.forward ? host.revealed : 0;
    // Weight layer l's gradients are shown once the backward pass has come back to it.
    const auto shown = [&](int l) { return host.forward && revealed >= 2 - l; };
    // The layer the walk-through stands at: -1 none, 2 forward (everything), 1 or 0 a weight layer.
    const int focus = !host.forward ? -1 : revealed == 0 ? 2 : 2 - revealed;

    double wmax = 1e-9;
    for (const auto& layer : s.w) for (double v : layer) wmax = std::max(wmax, std::fabs(v));

    // Stage caption.
    const char* caption = !host.forward ? (L.compact ? "Press Forward pass" : "Press Forward pass to send the example through")
                        : revealed == 0 ? (L.compact ? "Forward: values flow right" : "Forward pass: values flow left to right")
                        : revealed == 1 ? (L.compact ? "Backward: output layer" : "Backward, output layer: gradients flow right to left")
                                        : (L.compact ? "Backward: hidden layer, all known" : "Backward, hidden layer: every gradient is known");
    dl->AddText({10, 8}, k.text, caption);

    // Edges with their weights and gradients.
    for (int l = 0; l < 2; ++l) {
        const int n = int(s.a[size_t(l)].size()), m = int(s.a[size_t(l) + 1].size());
        const bool lit = focus == 2 || focus == l;
        for (int j = 0; j < m; ++j)
            for (int i = 0; i < n; ++i) {
                const ImVec2 a = L.nodes[size_t(l)][size_t(i)], b = L.nodes[size_t(l) + 1][size_t(j)];
                const double wv = s.w[size_t(l)][size_t(j) * n + i];
                const float thick = 1.0f + 5.0f * float(std::fabs(wv) / wmax);
                if (lit) dl->AddLine(a, b, WithAlpha(k.violet, dark ? 90 : 70), thick + 8.0f);
                dl->AddLine(a, b, wv >= 0 ? k.blue : k.orange, thick);
                if (lit) {
                    const bool backward = focus != 2;
                    const float t = l == 0 ? 0.33f : 0.78f;
                    const ImVec2 p{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
                    Arrow(dl, p, backward ? a.x - b.x : b.x - a.x, backward ? a.y - b.y : b.y - a.y,
                          backward ? k.rose : k.text, 7.0f);
                }
            }
    }
    // Output -> loss.
    const ImVec2 out = L.nodes[2][0];
    if (L.compact) {
        dl->AddLine({out.x, out.y + L.radius + 52}, {out.x, L.loss.y - 26}, k.axis, 1.5f);
        Arrow(dl, {out.x, L.loss.y - 27}, 0, 1, k.axis, 6.0f);
    } else {
        dl->AddLine({out.x + L.radius, out.y}, {L.loss.x - 30, out.y}, k.axis, 1.5f);
        Arrow(dl, {L.loss.x - 34, out.y}, 1, 0, k.axis, 6.0f);
    }

    // Node names (with the bias) and, once the backward pass reaches them, dL/dz: the lines
    // under each node. Collected first: the edge labels keep clear of them.
    const char* out_name = bce ? "p" : "\u0177"; // ŷ
    struct Caption { ImVec2 at; std::vector<std::pair<std::string, ImU32>> lines; };
    std::vector<Caption> captions;
    std::vector<Box> obstacles;
    for (int layer = 0; layer < 3; ++layer)
        for (size_t i = 0; i < L.nodes[size_t(layer)].size(); ++i) {
            const ImVec2 c = L.nodes[size_t(layer)][i];
            Caption cap{{c.x, c.y + L.radius + 10}, {}};
            // The chain's nodes are x and h, as the lesson writes them.
            const std::string unit = host.chain() ? std::string() : std::to_string(i + 1);
            std::string name = layer == 0 ? "x" + unit : layer == 1 ? "h" + unit : out_name;
            std::string bias;
            if (layer == 1) bias = "b" + std::to_string(i + 1) + " " + Num(s.b[0][i]);
            if (layer == 2) bias = "c " + Num(s.b[1][0]);
            if (!bias.empty() && !L.compact) {
                name += " (" + bias + ")";
                bias.clear();
            }
            cap.lines.push_back({name, k.axis});
            if (!bias.empty()) cap.lines.push_back({bias, k.axis});
            if (layer > 0) {
                const bool grad = (layer == 2 && shown(1)) || (layer == 1 && shown(0));
                cap.lines.push_back({grad ? "\u2202L/\u2202z " + Num(s.gb[size_t(layer) - 1][i]) : std::string(), k.rose});
            }
            const float line_h = ImGui::GetTextLineHeight();
            float wmax_text = ImGui::CalcTextSize("\u2202L/\u2202z \u22120.00").x;
            for (const auto& ln : cap.lines) wmax_text = std::max(wmax_text, ImGui::CalcTextSize(ln.first.c_str()).x);
            obstacles.push_back({c.x - L.radius - 2, c.y - L.radius - 2, c.x + L.radius + 2, c.y + L.radius + 2});
            obstacles.push_back({c.x - wmax_text * 0.5f - 3, cap.at.y - line_h * 0.5f, c.x + wmax_text * 0.5f + 3,
                                 cap.at.y - line_h * 0.5f + line_h * cap.lines.size()});
            captions.push_back(cap);
        }
    obstacles.push_back({L.loss.x - 48, L.loss.y - 40, L.loss.x + 48, L.loss.y + 22});
    obstacles.push_back({0, 0, w, 24});

    // Edge labels: each at the point of its edge that overlaps the least with the labels
    // placed so far, the nodes and their captions (the output layer's edges first).
    std::vector<Box> placed;
    for (int l = 1; l >= 0; --l) {
        const int n = int(s.a[size_t(l)].size()), m = int(s.a[size_t(l) + 1].size());
        for (int j = 0; j < m; ++j)
            for (int i = 0; i < n; ++i) {
                const ImVec2 a = L.nodes[size_t(l)][size_t(i)], b = L.nodes[size_t(l) + 1][size_t(j)];
                const std::string name = host.WeightName(l, j, i);
                const double wv = s.w[size_t(l)][size_t(j) * n + i];
                const std::string top = name + " " + Num(wv);
                const std::string prefix = L.compact ? "g " : "\u2202L/\u2202" + name + " ";
                const std::string grad = shown(l) ? prefix + Num(s.gw[size_t(l)][size_t(j) * n + i]) : std::string();
                const ImVec2 size = LabelSize(top, prefix + "\u22120.00");
                static const float kTs[] = {0.5f, 0.42f, 0.58f, 0.34f, 0.66f, 0.27f, 0.73f};
                float best_cost = 1e30f;
                Box best{};
                for (float t : kTs) {
                    const ImVec2 p{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
                    const Box box{p.x - size.x * 0.5f, p.y - size.y * 0.5f, p.x + size.x * 0.5f, p.y + size.y * 0.5f};
                    float cost = 0;
                    for (const Box& o : placed) cost += 4 * Overlap(box, o);
                    for (const Box& o : obstacles) cost += Overlap(box, o);
                    // Other edges running under the label (a weight's name on another
                    // weight's line reads as that weight's): sampled along each edge.
                    for (int l2 = 0; l2 < 2; ++l2)
                        for (size_t i2 = 0; i2 < L.nodes[size_t(l2)].size(); ++i2)
                            for (size_t j2 = 0; j2 < L.nodes[size_t(l2) + 1].size(); ++j2) {
                                if (l2 == l && int(i2) == i && int(j2) == j) continue;
                                const ImVec2 a2 = L.nodes[size_t(l2)][i2], b2 = L.nodes[size_t(l2) + 1][j2];
                                for (int q = 1; q < 24; ++q) {
                                    const float u = q / 24.0f;
                                    const float qx = a2.x + (b2.x - a2.x) * u, qy = a2.y + (b2.y - a2.y) * u;
                                    if (qx > box.x0 && qx < box.x1 && qy > box.y0 && qy < box.y1) cost += 60.0f;
                                }
                            }
                    cost += 2 * (box.Area() - Overlap(box, {0, 0, w, h}));
                    if (cost < best_cost - 0.5f) { best_cost = cost; best = box; }
                }
                placed.push_back(best);
                LabelBox(dl, {0.5f * (best.x0 + best.x1), 0.5f * (best.y0 + best.y1)}, k, top, grad, k.text, k.rose, size);
            }
    }

    // Nodes: value inside, caption below.
    size_t ci = 0;
    for (int layer = 0; layer < 3; ++layer)
        for (size_t i = 0; i < L.nodes[size_t(layer)].size(); ++i) {
            const ImVec2 c = L.nodes[size_t(layer)][i];
            const bool lit = (focus == 2) || (layer == 2 && focus == 1) || (layer == 1 && focus == 0);
            if (lit) dl->AddCircleFilled(c, L.radius + 5, WithAlpha(k.violet, dark ? 90 : 70), 32);
            dl->AddCircleFilled(c, L.radius, k.panel, 32);
            dl->AddCircle(c, L.radius, k.text, 32, 1.5f);
            const double value = layer == 2 ? s.prediction : s.a[size_t(layer)][i];
            CenteredText(dl, c, k.text, layer == 0 || host.forward ? Num(value) : "?");
            const Caption& cap = captions[ci++];
            const float line_h = ImGui::GetTextLineHeight();
            float y = cap.at.y;
            for (const auto& ln : cap.lines) {
                if (!ln.first.empty()) {
                    // On a plate, so that the edges leaving the node never cross the words.
                    const float tw = ImGui::CalcTextSize(ln.first.c_str()).x;
                    dl->AddRectFilled({cap.at.x - tw * 0.5f - 3, y - line_h * 0.5f}, {cap.at.x + tw * 0.5f + 3, y + line_h * 0.5f},
                                      k.label_bg, 3.0f);
                    CenteredText(dl, {cap.at.x, y}, ln.second, ln.first);
                }
                y += line_h;
            }
        }

    // The loss box: L and the target.
    const std::string lt = "L " + (host.forward ? Num(s.loss, 3) : std::string("?"));
    const std::string yt = "y " + Num(host.settings.target, 2);
    const float bw = std::max(ImGui::CalcTextSize(lt.c_str()).x, ImGui::CalcTextSize(yt.c_str()).x) + 14;
    dl->AddRectFilled({L.loss.x - bw * 0.5f, L.loss.y - 20}, {L.loss.x + bw * 0.5f, L.loss.y + 20}, FromRgb(Mix(RgbOf(k.background), RgbOf(k.violet), 0.12)), 6.0f);
    dl->AddRect({L.loss.x - bw * 0.5f, L.loss.y - 20}, {L.loss.x + bw * 0.5f, L.loss.y + 20}, k.text, 6.0f, 0, 1.5f);
    CenteredText(dl, {L.loss.x, L.loss.y - 8}, k.text, lt);
    CenteredText(dl, {L.loss.x, L.loss.y + 8}, k.axis, yt);
    if (!L.compact) CenteredText(dl, {L.loss.x, L.loss.y - 32}, k.axis, bce ? "cross-entropy" : "squared error");
}

} // namespace downhill::views
