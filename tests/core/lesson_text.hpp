// lesson_text.hpp: reading the lessons' own text for the claim tests: a lesson with runs
// of white space squeezed to one space, Says(), which expects a phrase in it, a quiz
// block's field, and numbers written the way the lessons write them.
#pragma once
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace downhill::lesson_text {

// Runs of white space become one space.
inline std::string Squeeze(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') { space = true; continue; }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// lessons/<file> of this source tree (found from this file's own path).
inline std::filesystem::path LessonPath(const std::string& file) {
    return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "lessons" / file;
}

// lessons/<file>, squeezed.
inline std::string Lesson(const std::string& file) {
    std::ifstream in(LessonPath(file));
    std::stringstream text;
    text << in.rdbuf();
    return Squeeze(text.str());
}

// The text of `field:` inside the lesson's "::: quiz <id>" block, squeezed ("" when absent).
inline std::string QuizField(const std::string& file, const std::string& id, const std::string& field) {
    std::ifstream in(LessonPath(file));
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside) { inside = line == "::: quiz " + id; continue; }
        if (line == ":::") break;
        if (line.rfind(field + ":", 0) == 0) return Squeeze(line.substr(field.size() + 1));
    }
    return "";
}

// A number as a lesson writes it: `digits` decimals ("%.*f").
inline std::string Fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

// Fixed() with the lesson's minus sign (U+2212) in place of a leading '-'.
inline std::string FixedMinus(double v, int digits) {
    std::string s = Fixed(v, digits);
    if (!s.empty() && s[0] == '-') s = "\u2212" + s.substr(1);
    return s;
}

// Success when lessons/<file>, squeezed, holds `phrase`, squeezed.
inline ::testing::AssertionResult Says(const std::string& file, const std::string& phrase) {
    if (Lesson(file).find(Squeeze(phrase)) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "lessons/" << file << " should say: " << phrase;
}

} // namespace downhill::lesson_text
