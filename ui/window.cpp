#include "ui/window.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "ui/app.h"
#include "ui/fonts.h"

namespace kafkasim::ui {

namespace {

constexpr const char* no_display =
    "kafkasim-ui: cannot open a window: no X display (run it under xvfb-run, e.g. xvfb-run -a kafkasim-ui NAME --screenshot "
    "out.png --at MS)";

// The back buffer as a PNG. Called after Render and before the swap, while it is defined.
bool save_png(GLFWwindow* window, const std::string& path) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    std::vector<unsigned char> px(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    for (std::size_t i = 3; i < px.size(); i += 4) px[i] = 255;
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(path.c_str(), w, h, 4, px.data(), w * 4) != 0;
}

void print_boxes(const App& app) {
    for (const auto& [name, r] : app.cluster_panel().boxes)
        std::printf("box %s %d %d %d %d\n", name.c_str(), static_cast<int>(r.pos.x), static_cast<int>(r.pos.y),
                    static_cast<int>(r.size.x), static_cast<int>(r.size.y));
}

}  // namespace

int run_window(scenarios::RunSession& session, const WindowOptions& options) {
    const char* display = std::getenv("DISPLAY");
    if (display == nullptr || *display == '\0' || glfwInit() == GLFW_FALSE) {
        std::fprintf(stderr, "%s\n", no_display);
        return 2;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    if (options.screenshot) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    const std::string title = "kafkasim: " + session.spec().name;
    GLFWwindow* window = glfwCreateWindow(options.width, options.height, title.c_str(), nullptr, nullptr);
    if (window == nullptr) {
        glfwTerminate();
        std::fprintf(stderr, "%s\n", no_display);
        return 2;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // The viewer's layout persists between runs; a screenshot's never depends on it.
    if (options.screenshot) io.IniFilename = nullptr;
    const Fonts fonts = load_fonts(lesson_texts(session.spec()), 17, 28);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    App app(session, fonts, options.lang, options.theme, options.screenshot ? Layout::fixed : Layout::viewer);
    int status = 0;
    double last = glfwGetTime();
    for (int frame = 0; !glfwWindowShouldClose(window); ++frame) {
        glfwPollEvents();
        const double now = glfwGetTime();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app.frame(options.screenshot ? 0.0 : now - last);
        last = now;
        ImGui::Render();
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        // Auto-sized windows settle over the first frames (toolchain.md, ImGui 1.86 quirks).
        if (options.screenshot && frame == 3) {
            if (!save_png(window, *options.screenshot)) {
                std::fprintf(stderr, "kafkasim-ui: --screenshot: cannot write %s\n", options.screenshot->c_str());
                status = 2;
            } else {
                print_boxes(app);
            }
            break;
        }
        glfwSwapBuffers(window);
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}

}  // namespace kafkasim::ui
