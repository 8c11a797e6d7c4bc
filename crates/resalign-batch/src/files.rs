//! Files and folders inside the output folder, made so that a symbolic link there can never send
//! a write elsewhere: files are opened without following a link (`O_NOFOLLOW`), and every folder
//! below the output folder is checked to be a real folder before anything is written in it. The
//! output folder itself may be a link the user made; links inside it are refused, naming them.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Component, Path};

use crate::error::{Error, ErrorKind};

/// Creates `path` (or empties it), refusing a symbolic link in its place.
pub(crate) fn create(path: &Path) -> Result<File, Error> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    open_no_follow(path, &mut options)
}

/// Opens a file for writing without emptying it, creating it when `create` says so, refusing a
/// symbolic link in its place.
pub(crate) fn open_for_writing(path: &Path, create: bool) -> Result<File, Error> {
    let mut options = OpenOptions::new();
    options.write(true).create(create);
    open_no_follow(path, &mut options)
}

/// Reads a whole file, refusing a symbolic link in its place.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, Error> {
    let mut options = OpenOptions::new();
    options.read(true);
    let mut file = open_no_follow(path, &mut options)?;
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut file, &mut bytes).map_err(|error| Error::io(error, path))?;
    Ok(bytes)
}

fn open_no_follow(path: &Path, options: &mut OpenOptions) -> Result<File, Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    refuse_link(path)?;
    options.open(path).map_err(|error| {
        // A link put there between the check and the opening.
        if is_link(path) {
            symbolic_link(path)
        } else {
            Error::io(error, path)
        }
    })
}

/// Makes `relative` (a folder path below `base`, without `..`) exist as real folders, one
/// component at a time, refusing any that is a symbolic link or not a folder.
pub(crate) fn real_folders(base: &Path, relative: &Path) -> Result<(), Error> {
    let mut folder = base.to_path_buf();
    for component in relative.components() {
        let Component::Normal(name) = component else {
            return Err(Error::io(
                io::Error::new(io::ErrorKind::InvalidInput, "not a plain folder path"),
                relative,
            ));
        };
        folder.push(name);
        real_folder(&folder)?;
    }
    Ok(())
}

/// Makes `folder` exist as a real folder; its parent must be one.
pub(crate) fn real_folder(folder: &Path) -> Result<(), Error> {
    match folder.symlink_metadata() {
        Ok(metadata) if metadata.file_type().is_symlink() => Err(symbolic_link(folder)),
        Ok(metadata) if metadata.is_dir() => Ok(()),
        Ok(_) => Err(Error::new(ErrorKind::NotAFolder).with_path(folder)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            match std::fs::create_dir(folder) {
                Ok(()) => Ok(()),
                // Another worker made it meanwhile: what is there now must be a folder.
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                    match folder.symlink_metadata() {
                        Ok(metadata) if metadata.is_dir() => Ok(()),
                        _ => Err(Error::io(error, folder)),
                    }
                }
                Err(error) => Err(Error::io(error, folder)),
            }
        }
        Err(error) => Err(Error::io(error, folder)),
    }
}

/// Fails when `path` is a symbolic link.
pub(crate) fn refuse_link(path: &Path) -> Result<(), Error> {
    if is_link(path) {
        Err(symbolic_link(path))
    } else {
        Ok(())
    }
}

fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|metadata| metadata.file_type().is_symlink())
}

fn symbolic_link(path: &Path) -> Error {
    Error::new(ErrorKind::SymbolicLink).with_path(path)
}
