// optimizer_js.hpp: optimizers, their settings and schedules as JavaScript objects: read
// from a settings object, written back, and the optimizer table (optimizerTable()). Used
// by the core's bindings (runs, maps) and the trainer's (Trainer, TrainingLab).
#pragma once
#include <emscripten/val.h>

#include <string>

#include "bindings/js_value.hpp"
#include "core/optim/registry.hpp"
#include "core/optim/schedule.hpp"

namespace downhill::bind {

// { kind, stepSize, gamma, period, minFactor }: any of them, over `s`.
inline Schedule ReadSchedule(Reader& r, const emscripten::val& o, Schedule s = {}) {
    const std::string kind = r.String(o, "kind", ScheduleKindName(s.kind));
    if (!r.failed && !ParseScheduleKind(kind, &s.kind)) r.Unknown("schedule", kind);
    s.step_size = r.Integer(o, "stepSize", s.step_size, 1, 100000000);
    s.gamma = r.Number(o, "gamma", s.gamma);
    s.period = r.Integer(o, "period", s.period, 1, 100000000);
    s.min_factor = r.Number(o, "minFactor", s.min_factor);
    return s;
}
inline emscripten::val ScheduleToJs(const Schedule& s) {
    emscripten::val o = emscripten::val::object();
    o.set("kind", std::string(ScheduleKindName(s.kind)));
    o.set("stepSize", s.step_size);
    o.set("gamma", s.gamma);
    o.set("period", s.period);
    o.set("minFactor", s.min_factor);
    return o;
}

// { learningRate, momentum, rho, beta1, beta2, epsilon, noise, seed, schedule: {...} }:
// any of them, over the defaults of optimizer `name`.
inline OptimizerSettings ReadOptimizer(Reader& r, const std::string& name, const emscripten::val& o) {
    OptimizerSettings s = DefaultOptimizerSettings(name);
    s.learning_rate = r.Number(o, "learningRate", s.learning_rate);
    s.momentum = r.Number(o, "momentum", s.momentum);
    s.rho = r.Number(o, "rho", s.rho);
    s.beta1 = r.Number(o, "beta1", s.beta1);
    s.beta2 = r.Number(o, "beta2", s.beta2);
    s.epsilon = r.Number(o, "epsilon", s.epsilon);
    s.noise = r.Number(o, "noise", s.noise);
    s.seed = uint32_t(r.Integer(o, "seed", int(s.seed), 0, 2147483647));
    if (Has(o, "schedule")) s.schedule = ReadSchedule(r, r.Object(o, "schedule"));
    return s;
}
// The numbers of `s` (not its schedule): { learningRate, momentum, rho, beta1, beta2, epsilon, noise, seed }.
inline emscripten::val OptimizerToJs(const OptimizerSettings& s) {
    emscripten::val o = emscripten::val::object();
    o.set("learningRate", s.learning_rate);
    o.set("momentum", s.momentum);
    o.set("rho", s.rho);
    o.set("beta1", s.beta1);
    o.set("beta2", s.beta2);
    o.set("epsilon", s.epsilon);
    o.set("noise", s.noise);
    o.set("seed", s.seed);
    return o;
}

// optimizerTable(): [{ name, label, defaults: {...}, settings: [{ key, min, max,
// minIncluded, maxIncluded, integer }] }], one plain object per OptimizerTable() entry,
// in its order; settings lists what the optimizer reads, learning rate first.
inline emscripten::val OptimizerTableJs() {
    emscripten::val out = emscripten::val::array();
    int i = 0;
    for (const OptimizerEntry& e : OptimizerTable()) {
        emscripten::val params = emscripten::val::array();
        int j = 0;
        for (const OptimizerParam& p : e.params) {
            emscripten::val q = emscripten::val::object();
            q.set("key", std::string(p.key));
            q.set("min", p.lo);
            q.set("max", p.hi);
            q.set("minIncluded", p.lo_closed);
            q.set("maxIncluded", p.hi_closed);
            q.set("integer", p.integer);
            params.set(j++, q);
        }
        emscripten::val o = emscripten::val::object();
        o.set("name", std::string(e.name));
        o.set("label", std::string(e.label));
        o.set("defaults", OptimizerToJs(e.defaults));
        o.set("settings", params);
        out.set(i++, o);
    }
    return out;
}

} // namespace downhill::bind
