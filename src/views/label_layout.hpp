// label_layout.hpp: moves text labels on a canvas apart so that none covers another.
// Plain arithmetic (no drawing), so the core tests check it natively.
//
//   std::vector<LabelBox> v = {{x, y, w, h}, ...};   // where each label wants to go
//   SpreadLabels(v, top, bottom);                      // now no two overlap
#pragma once
#include <algorithm>
#include <numeric>
#include <vector>

namespace downhill::views {

// A label's box: top-left corner and size, in CSS pixels.
struct LabelBox {
    float x = 0, y = 0, w = 0, h = 0;
    bool Overlaps(const LabelBox& o, float gap = 1.0f) const {
        return x < o.x + o.w + gap && o.x < x + w + gap && y < o.y + o.h + gap && o.y < y + h + gap;
    }
};

// Moves labels up or down only (their x stays) so that no two overlap, each as near its
// wanted place as the others allow, all within [top, bottom] when they fit there. Labels
// whose columns do not meet never move each other. Order in `v` is kept.
inline void SpreadLabels(std::vector<LabelBox>& v, float top, float bottom, float gap = 1.0f) {
    const int n = int(v.size());
    for (auto& b : v) b.y = std::clamp(b.y, top, std::max(top, bottom - b.h));
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return v[a].y < v[b].y; });
    // Downward pass: each label below every earlier one its column meets.
    for (int i = 0; i < n; ++i) {
        LabelBox& b = v[order[i]];
        for (int again = 0; again < n; ++again) {
            bool moved = false;
            for (int j = 0; j < i; ++j) {
                const LabelBox& a = v[order[j]];
                if (b.Overlaps(a, gap)) { b.y = a.y + a.h + gap; moved = true; }
            }
            if (!moved) break;
        }
    }
    // Upward pass: labels pushed past the bottom move up, pushing those above them.
    for (int i = n - 1; i >= 0; --i) {
        LabelBox& b = v[order[i]];
        if (b.y + b.h > bottom) b.y = bottom - b.h;
        for (int j = i + 1; j < n; ++j) {
            const LabelBox& below = v[order[j]];
            if (b.x < below.x + below.w + gap && below.x < b.x + b.w + gap && b.y + b.h + gap > below.y)
                b.y = below.y - b.h - gap;
        }
    }
}

} // namespace downhill::views
