#include "ui/window.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>
#include <sys/resource.h>

#include <cstdio>
#include <algorithm>
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

// Frame times of a --frames run.
struct FrameClock {
    double total = 0, worst = 0, ui = 0, raster = 0, swap = 0, vertices = 0;
    int frames = 0;
    void add(double frame) {
        total += frame;
        worst = std::max(worst, frame);
        ++frames;
    }
    void print(const scenarios::RunSession* session, int w, int h) const {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        std::fprintf(stderr,
                     "kafkasim-ui: %d frames at %dx%d in %.2f s: %.1f fps; frame %.2f ms mean, %.2f ms worst; "
                     "ImGui and model %.2f ms, GL %.2f ms, swap %.2f ms mean; %.0f vertices a frame; simulated %s, event %llu; peak RSS %ld MiB\n",
                     frames, w, h, total, frames / std::max(total, 1e-9), 1000 * total / std::max(frames, 1), 1000 * worst,
                     1000 * ui / std::max(frames, 1), 1000 * raster / std::max(frames, 1), 1000 * swap / std::max(frames, 1),
                     vertices / std::max(frames, 1), clock_text(session ? session->time() : engine::Instant{}).c_str(),
                     static_cast<unsigned long long>(session ? session->event() : 0), u.ru_maxrss / 1024);
    }
};

std::string title_of(const scenarios::RunSession* session) {
    return session == nullptr ? std::string("kafkasim") : "kafkasim: " + session->spec().name;
}

}  // namespace

int run_window(scenarios::RunSession* session, const WindowOptions& options) {
    const char* display = std::getenv("DISPLAY");
    if (display == nullptr || *display == '\0' || glfwInit() == GLFW_FALSE) {
        std::fprintf(stderr, "%s\n", no_display);
        return 2;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    if (options.screenshot) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    const bool fixed = options.screenshot || options.frames;
    std::string title = title_of(session);
    GLFWwindow* window = glfwCreateWindow(options.width, options.height, title.c_str(), nullptr, nullptr);
    if (window == nullptr) {
        glfwTerminate();
        std::fprintf(stderr, "%s\n", no_display);
        return 2;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(options.frames ? 0 : 1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    float content_scale = 1, unused = 1;
    glfwGetWindowContentScale(window, &content_scale, &unused);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    // The viewer's layout persists between runs (App sets the ini file); a screenshot's or a
    // bench's never depends on it.
    Fonts fonts;
    const Layout layout = fixed ? Layout::fixed : Layout::viewer;
    App app = session != nullptr ? App(*session, fonts, options.lang, options.theme, layout)
                                 : App(fonts, options.lang, options.theme, layout);
    // The presenter's sizes quadruple the atlas (Hangul glyphs at four sizes): loaded when first asked for.
    const auto presenter_scale = [&] { return app.show().presenter ? presenter_scale_for(content_scale) : 1.0f; };
    if (options.present) app.execute({CommandKind::toggle_presenter});
    fonts = load_fonts(app.font_texts(), 17, 28, presenter_scale());
    std::uint64_t fonts_for = app.sessions_opened();
    if (options.charts) app.execute({CommandKind::toggle_charts});
    for (int i = default_speed; i < options.speed; ++i) app.execute({CommandKind::faster});
    for (int i = options.speed; i < default_speed; ++i) app.execute({CommandKind::slower});
    if (options.frames) app.execute({CommandKind::toggle_play});
    int status = 0;
    FrameClock clock;
    double last = glfwGetTime();
    for (int frame = 0; !glfwWindowShouldClose(window); ++frame) {
        glfwPollEvents();
        if (app.sessions_opened() != fonts_for || (app.show().presenter && fonts.presenter_body == nullptr)) {
            // A lesson opened from disk may need glyphs the atlas lacks, the presenter larger
            // sizes: build it again.
            fonts_for = app.sessions_opened();
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            fonts = load_fonts(app.font_texts(), 17, 28, std::max(presenter_scale(), fonts.presenter_scale));
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        if (title != title_of(app.session())) {
            title = title_of(app.session());
            glfwSetWindowTitle(window, title.c_str());
        }
        const double now = glfwGetTime();
        if (options.frames && frame > 0) clock.add(now - last);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app.frame(options.screenshot ? 0.0 : now - last);
        last = now;
        ImGui::Render();
        if (options.frames && frame > 0) clock.ui += glfwGetTime() - now;
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(bg.x, bg.y, bg.z, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (options.frames && frame > 0) {
            // The bench waits for the rasterizer, to tell drawing from presenting the frame.
            const double drawn = glfwGetTime();
            glFinish();
            clock.raster += glfwGetTime() - drawn;
            clock.vertices += ImGui::GetDrawData()->TotalVtxCount;
        }
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
        const double swap = glfwGetTime();
        glfwSwapBuffers(window);
        if (options.frames && frame > 0) clock.swap += glfwGetTime() - swap;
        if (options.frames && clock.frames >= *options.frames) {
            clock.print(app.session(), w, h);
            break;
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}

}  // namespace kafkasim::ui
