//! The page's entry point: mounts the Yew app on `<body>`.

fn main() {
    yew::Renderer::<jwt_debugger::app::App>::new().render();
}
