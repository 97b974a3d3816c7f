//! Thin entry point: parse the command line and dispatch.

/// mimalloc instead of glibc's allocator: page rendering allocates many small strings, and
/// glibc's malloc/free took about 15% of the server's CPU under load (bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("VOOROP_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = voorop::cli::Cli::lees();
    match voorop::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Fout: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
