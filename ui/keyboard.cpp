#include <imgui.h>

#include "ui/commands.h"

namespace kafkasim::ui {

std::vector<Command> keyboard_commands() {
    std::vector<Command> out;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return out;
    const auto pressed = [](int k) { return ImGui::IsKeyPressed(k, true); };
    if (ImGui::IsKeyPressed(key::space, false)) out.push_back({CommandKind::toggle_play});
    if (pressed(key::right)) out.push_back({CommandKind::step});
    if (pressed(key::left) || pressed(key::b)) out.push_back({CommandKind::step_back});
    if (pressed(key::n)) out.push_back({CommandKind::next_interesting});
    if (ImGui::IsKeyPressed(key::home, false)) out.push_back({CommandKind::rewind_to_start});
    if (pressed(key::up)) out.push_back({CommandKind::faster});
    if (pressed(key::down)) out.push_back({CommandKind::slower});
    if ((ImGui::IsKeyPressed(key::slash, false) && io.KeyShift) || ImGui::IsKeyPressed(key::f1, false))
        out.push_back({CommandKind::toggle_help});
    if (ImGui::IsKeyPressed(key::t, false)) out.push_back({CommandKind::toggle_theme});
    if (ImGui::IsKeyPressed(key::l, false)) out.push_back({CommandKind::toggle_lang});
    if (pressed(key::equal) || pressed(key::keypad_add)) out.push_back({CommandKind::zoom_in});
    if (pressed(key::minus) || pressed(key::keypad_subtract)) out.push_back({CommandKind::zoom_out});
    if (ImGui::IsKeyPressed(key::zero, false)) out.push_back({CommandKind::reset_view});
    if (ImGui::IsKeyPressed(key::p, false)) out.push_back({CommandKind::toggle_presenter});
    if (ImGui::IsKeyPressed(key::o, false)) out.push_back({CommandKind::open_picker});
    if (ImGui::IsKeyPressed(key::c, false)) out.push_back({CommandKind::toggle_charts});
    return out;
}

}  // namespace kafkasim::ui
