//! Standard output for the commands: [`outln!`] is `println!` except that a closed stdout (the
//! reader of a pipe has gone, as in `jwt-debugger sign ... | head -c 80`) ends the program
//! quietly with status 0, as ripgrep does, where `println!` panics. Any other write error is one
//! line on stderr and status 2.

use std::io::{ErrorKind, Write};

/// `println!` to stdout, ending the program quietly if the reader has gone.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::output::write_line(format_args!($($arg)*))
    };
}
pub(crate) use outln;

/// Writes `args` and a line break to stdout (see the module docs for errors).
pub(crate) fn write_line(args: std::fmt::Arguments<'_>) {
    write(format_args!("{args}\n"));
}

/// Writes `args` to stdout (see the module docs for errors).
pub(crate) fn write(args: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    match out.write_fmt(args).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            std::process::exit(i32::from(crate::failure::Failure::USAGE_EXIT));
        }
    }
}
