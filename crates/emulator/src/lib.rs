//! Embedded SageMaker API emulator (see issue: emulator).
