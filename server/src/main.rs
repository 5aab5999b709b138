//! `kiosk-server`: see [`kiosk_server::cli`] for the commands.

fn main() -> std::process::ExitCode {
    kiosk_server::cli::run(std::env::args().skip(1).collect())
}
