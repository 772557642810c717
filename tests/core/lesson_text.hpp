// lesson_text.hpp: reading the lessons' own text for the claim tests: a lesson with runs
// of white space squeezed to one space, and Says(), which expects a phrase in it.
#pragma once
#include <gtest/gtest.h>

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

// lessons/<file> of this source tree (found from this file's own path), squeezed.
inline std::string Lesson(const std::string& file) {
    const std::filesystem::path path = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "lessons" / file;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return Squeeze(text.str());
}

inline ::testing::AssertionResult Says(const std::string& file, const std::string& phrase) {
    if (Lesson(file).find(Squeeze(phrase)) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "lessons/" << file << " should say: " << phrase;
}

} // namespace downhill::lesson_text
